// cooperative_groups/reduce.h on the emulator: cg::reduce over a tile or coalesced group, with cg::plus,
// less (the minimum), greater (the maximum), bit_and, bit_or, bit_xor or any functor (structs included).
// Every thread of the group gets the result. A tile combines in a butterfly (shfl_xor), as a GPU's does.
#pragma once
#include "../cooperative_groups.h"

namespace cooperative_groups {
template <class T = void>
struct plus {
  constexpr T operator()(const T& a, const T& b) const { return a + b; }
};
template <class T = void>
struct less {
  constexpr T operator()(const T& a, const T& b) const { return b < a ? b : a; }
};
template <class T = void>
struct greater {
  constexpr T operator()(const T& a, const T& b) const { return a < b ? b : a; }
};
template <class T = void>
struct bit_and {
  constexpr T operator()(const T& a, const T& b) const { return a & b; }
};
template <class T = void>
struct bit_or {
  constexpr T operator()(const T& a, const T& b) const { return a | b; }
};
template <class T = void>
struct bit_xor {
  constexpr T operator()(const T& a, const T& b) const { return a ^ b; }
};

template <class G, class T, class Op>
inline kp::value_t<T> reduce(const G& group, const T& value, Op op, int line = __builtin_LINE()) {
  using V = kp::value_t<T>;
  V v = kp::value_of(value);
  unsigned n = unsigned(group.size());
  if ((n & (n - 1)) == 0) {
    for (unsigned offset = n / 2; offset > 0; offset /= 2) v = op(v, group.shfl_xor(v, offset, line));
    return v;
  }
  // A group of another size (coalesced threads): every thread combines all values in rank order.
  V all = group.shfl(v, 0, line);
  for (unsigned r = 1; r < n; r++) all = op(all, group.shfl(v, int(r), line));
  return all;
}
}  // namespace cooperative_groups
