// cooperative_groups/scan.h on the emulator: inclusive_scan and exclusive_scan over a tile or coalesced
// group, with cg::plus (the default) or any functor (Hillis-Steele steps over shfl_up).
#pragma once
#include "reduce.h"

namespace cooperative_groups {
template <class G, class T, class Op = plus<kp::value_t<T>>>
inline kp::value_t<T> inclusive_scan(const G& group, const T& value, Op op = Op(), int line = __builtin_LINE()) {
  kp::value_t<T> v = kp::value_of(value);
  unsigned rank = unsigned(group.thread_rank());
  for (unsigned d = 1; d < group.size(); d *= 2) {
    kp::value_t<T> other = group.shfl_up(v, d, line);
    if (rank >= d) v = op(other, v);
  }
  return v;
}
// Rank 0 gets T() (for plus: zero).
template <class G, class T, class Op = plus<kp::value_t<T>>>
inline kp::value_t<T> exclusive_scan(const G& group, const T& value, Op op = Op(), int line = __builtin_LINE()) {
  kp::value_t<T> inclusive = inclusive_scan(group, value, op, line);
  kp::value_t<T> shifted = group.shfl_up(inclusive, 1, line);
  return group.thread_rank() == 0 ? kp::value_t<T>() : shifted;
}
}  // namespace cooperative_groups
