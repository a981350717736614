// cooperative_groups.h on the emulator. Groups are views of the running thread: a tile's collectives are the
// emulator's warp collectives (kp::warp_collective) over the tile's lanes, so a tile operation some lanes never
// reach is reported like a divergent warp operation, at the line of the call. this_grid().sync() works under
// a cooperative launch (cudaLaunchCooperativeKernel), which runs every block at once. memcpy_async copies
// synchronously (each thread of the group its share), and wait() is the group's sync().
// Not emulated: labeled_partition, binary_partition, multi-grid groups. coalesced_threads() is the warp's
// lanes that have not returned: lanes that skipped the branch it is called in are not told apart (their
// absence from a collective is then reported as a divergent warp operation).
#pragma once
#include "kp_cuda.h"

namespace kp {
void grid_sync(int line);  // kp_driver.cpp

// A value of any size through a warp shuffle, 8 bytes at a time.
template <class T>
inline T group_shuffle(Collective kind, unsigned mask, const T& value, int arg, int width, int line) {
  if constexpr (sizeof(T) <= 8) {
    return shuffle<T>(kind, mask, value, arg, width, line);
  } else {
    constexpr size_t words = (sizeof(T) + 7) / 8;
    uint64_t in[words] = {}, out[words];
    std::memcpy(in, &value, sizeof(T));
    for (size_t w = 0; w < words; w++) out[w] = warp_collective(kind, mask, in[w], arg, width, line);
    T result;
    std::memcpy(&result, out, sizeof(T));
    return result;
  }
}
inline unsigned block_rank() { return t_fiber->linear; }
// What a group collective moves for an argument: the value (s[i] of a __shared__ array is its element).
template <class T>
using value_t = std::decay_t<decltype(value_of(std::declval<const T&>()))>;
inline unsigned block_threads() { return g_blockDim.x * g_blockDim.y * g_blockDim.z; }
}  // namespace kp

namespace cuda {
template <size_t N>
struct aligned_size_t {
  size_t value;
  constexpr aligned_size_t(size_t v) : value(v) {}
  constexpr operator size_t() const { return value; }
};
}  // namespace cuda

namespace cooperative_groups {
// Lanes [base, base + n) of the calling thread's warp, n a power of two up to 32.
struct lanes {
  unsigned n;
  unsigned lane() const { return kp::block_rank() & 31; }
  unsigned base() const { return lane() & ~(n - 1); }
  unsigned mask() const { return (n >= 32 ? 0xffffffffu : ((1u << n) - 1)) << base(); }
};

class thread_group {
 public:
  unsigned long long size() const { return n_; }
  unsigned long long num_threads() const { return n_; }
  unsigned long long thread_rank() const { return whole_block_ ? kp::block_rank() : kp::block_rank() % n_; }
  void sync(int line = __builtin_LINE()) const {
    if (whole_block_) kp::syncthreads(line);
    else kp::syncwarp_at(line, lanes{n_}.mask());
  }
  thread_group(unsigned n, bool wholeBlock) : n_(n), whole_block_(wholeBlock) {}

 protected:
  unsigned n_;
  bool whole_block_;
};

class thread_block : public thread_group {
 public:
  thread_block() : thread_group(kp::block_threads(), true) {}
  static void sync(int line = __builtin_LINE()) { kp::syncthreads(line); }
  static unsigned thread_rank() { return kp::block_rank(); }
  static unsigned size() { return kp::block_threads(); }
  static unsigned num_threads() { return kp::block_threads(); }
  static dim3 group_index() { return dim3(blockIdx); }
  static dim3 thread_index() { return dim3(threadIdx); }
  static dim3 dim_threads() { return blockDim; }
  static dim3 group_dim() { return blockDim; }
};
inline thread_block this_thread_block() { return thread_block(); }

class grid_group {
 public:
  void sync(int line = __builtin_LINE()) const { kp::grid_sync(line); }
  bool is_valid() const { return true; }
  unsigned long long num_blocks() const { return (unsigned long long)gridDim.x * gridDim.y * gridDim.z; }
  unsigned long long block_rank() const {
    return blockIdx.x + (unsigned long long)gridDim.x * (blockIdx.y + (unsigned long long)gridDim.y * blockIdx.z);
  }
  unsigned long long size() const { return num_blocks() * kp::block_threads(); }
  unsigned long long num_threads() const { return size(); }
  unsigned long long thread_rank() const { return block_rank() * kp::block_threads() + kp::block_rank(); }
  dim3 group_dim() const { return gridDim; }
  dim3 dim_blocks() const { return gridDim; }
  dim3 block_index() const { return dim3(blockIdx); }
};
inline grid_group this_grid() { return grid_group(); }

// The collectives of a group of lanes in one warp: a tile (contiguous lanes, width N) or coalesced threads.
// A tile that reaches past the end of the block (a block size that is not a multiple of the tile's) has lanes
// that do not exist: on a GPU what they give is undefined, here it is reported.
template <class Self>
class warp_collectives {
  const Self& self() const { return static_cast<const Self&>(*this); }
  unsigned mask(int line) const {
    unsigned m = self().mask();
    unsigned base = kp::block_rank() & ~31u;
    unsigned lanes = kp::block_threads() - base;
    unsigned exists = lanes >= 32 ? 0xffffffffu : ((1u << lanes) - 1);
    if (m & ~exists) {
      char what[256];
      std::snprintf(what, sizeof what,
                    "a group collective over a tile of %llu threads whose last threads lie past the end of the "
                    "block (%u threads): their values are undefined on a GPU; make the block a multiple of the tile",
                    (unsigned long long)self().size(), kp::block_threads());
      kp::trap(what, line);
    }
    return m;
  }

 public:
  template <class T, class V = kp::value_t<T>>
  V shfl(const T& v, int srcRank, int line = __builtin_LINE()) const {
    return kp::group_shuffle<V>(kp::SHFL_IDX, mask(line), kp::value_of(v), self().lane_of(srcRank), 32, line);
  }
  template <class T, class V = kp::value_t<T>>
  V shfl_down(const T& v, unsigned delta, int line = __builtin_LINE()) const {
    unsigned r = unsigned(self().thread_rank()) + delta;
    unsigned src = r < self().size() ? self().lane_of(int(r)) : self().lane_of(int(self().thread_rank()));
    return kp::group_shuffle<V>(kp::SHFL_IDX, mask(line), kp::value_of(v), int(src), 32, line);
  }
  template <class T, class V = kp::value_t<T>>
  V shfl_up(const T& v, unsigned delta, int line = __builtin_LINE()) const {
    unsigned r = unsigned(self().thread_rank());
    unsigned src = r >= delta ? self().lane_of(int(r - delta)) : self().lane_of(int(r));
    return kp::group_shuffle<V>(kp::SHFL_IDX, mask(line), kp::value_of(v), int(src), 32, line);
  }
  template <class T, class V = kp::value_t<T>>
  V shfl_xor(const T& v, unsigned laneMask, int line = __builtin_LINE()) const {
    unsigned r = unsigned(self().thread_rank()) ^ laneMask;
    unsigned src = r < self().size() ? self().lane_of(int(r)) : self().lane_of(int(self().thread_rank()));
    return kp::group_shuffle<V>(kp::SHFL_IDX, mask(line), kp::value_of(v), int(src), 32, line);
  }
  int any(int predicate, int line = __builtin_LINE()) const {
    return int(kp::warp_collective(kp::ANY, mask(line), predicate ? 1 : 0, 0, 32, line));
  }
  int all(int predicate, int line = __builtin_LINE()) const {
    return int(kp::warp_collective(kp::ALL, mask(line), predicate ? 1 : 0, 0, 32, line));
  }
  // Bit i: the thread of rank i.
  unsigned ballot(int predicate, int line = __builtin_LINE()) const {
    unsigned lanes = unsigned(kp::warp_collective(kp::BALLOT, mask(line), predicate ? 1 : 0, 0, 32, line));
    return self().to_ranks(lanes);
  }
  template <class T>
  unsigned match_any(const T& v, int line = __builtin_LINE()) const {
    uint64_t bits = 0;
    kp::value_t<T> value = kp::value_of(v);
    std::memcpy(&bits, &value, sizeof(value) < 8 ? sizeof(value) : 8);
    return self().to_ranks(unsigned(kp::warp_collective(kp::MATCH_ANY, mask(line), bits, 0, 32, line)));
  }
  template <class T>
  unsigned match_all(const T& v, int& predicate, int line = __builtin_LINE()) const {
    unsigned same = match_any(v, line);
    unsigned everyone = self().size() >= 32 ? 0xffffffffu : ((1u << self().size()) - 1);
    predicate = same == everyone;
    return predicate ? everyone : 0;
  }
  void sync(int line = __builtin_LINE()) const { kp::syncwarp_at(line, mask(line)); }
  unsigned long long num_threads() const { return self().size(); }
};

template <unsigned N, class Parent = void>
class thread_block_tile : public warp_collectives<thread_block_tile<N, Parent>> {
  static_assert(N >= 1 && N <= 32 && (N & (N - 1)) == 0,
                "the emulator supports tiled_partition<N> for N = 1, 2, 4, 8, 16 and 32");

 public:
  thread_block_tile() = default;
  template <class P>
  thread_block_tile(const thread_block_tile<N, P>&) {}
  operator thread_group() const { return thread_group(N, false); }
  static constexpr unsigned long long size() { return N; }
  static constexpr unsigned long long num_threads() { return N; }
  unsigned long long thread_rank() const { return kp::block_rank() % N; }
  unsigned long long meta_group_rank() const { return kp::block_rank() / N; }
  unsigned long long meta_group_size() const { return (kp::block_threads() + N - 1) / N; }
  unsigned mask() const { return lanes{N}.mask(); }
  unsigned lane_of(int rank) const { return lanes{N}.base() + (unsigned(rank) & (N - 1)); }
  unsigned to_ranks(unsigned laneBits) const { return N >= 32 ? laneBits : (laneBits >> lanes{N}.base()) & ((1u << N) - 1); }
};

template <unsigned N, class P>
inline thread_block_tile<N, P> tiled_partition(const P&) {
  return thread_block_tile<N, P>();
}

// tiled_partition(parent, n) with n known at run time: a thread_group of n threads (n a power of two up to
// 32, or the whole block).
inline thread_group tiled_partition(const thread_group& parent, unsigned n) {
  if (n == parent.size()) return parent;
  if (n == 0 || n > 32 || (n & (n - 1)) != 0)
    kp::trap("tiled_partition(group, n): the emulator supports n = 1, 2, 4, 8, 16, 32 or the whole group", 0);
  return thread_group(n, false);
}

class coalesced_group : public warp_collectives<coalesced_group> {
  unsigned mask_;

 public:
  explicit coalesced_group(unsigned m) : mask_(m) {}
  operator thread_group() const { return thread_group(size(), false); }
  unsigned long long size() const { return unsigned(__builtin_popcount(mask_)); }
  unsigned long long num_threads() const { return size(); }
  unsigned long long thread_rank() const {
    unsigned lane = kp::block_rank() & 31;
    return unsigned(__builtin_popcount(mask_ & ((1u << lane) - 1)));
  }
  unsigned long long meta_group_rank() const { return 0; }
  unsigned long long meta_group_size() const { return 1; }
  unsigned mask() const { return mask_; }
  unsigned lane_of(int rank) const {
    unsigned m = mask_;
    for (int i = 0; i < rank && m; i++) m &= m - 1;
    return m ? unsigned(__builtin_ctz(m)) : unsigned(__builtin_ctz(mask_));
  }
  unsigned to_ranks(unsigned laneBits) const {
    unsigned out = 0, r = 0;
    for (unsigned l = 0; l < 32; l++)
      if (mask_ >> l & 1) {
        if (laneBits >> l & 1) out |= 1u << r;
        r++;
      }
    return out;
  }
};
inline coalesced_group coalesced_threads() { return coalesced_group(kp::active_mask()); }

template <class G>
inline void sync(const G& g, int line = __builtin_LINE()) {
  g.sync(line);
}
template <class G>
inline unsigned long long thread_rank(const G& g) {
  return g.thread_rank();
}
template <class G>
inline unsigned long long group_size(const G& g) {
  return g.size();
}

// memcpy_async: each thread of the group copies its share now; wait() is the group's barrier.
template <class G, class D, class S>
inline void memcpy_async(const G& group, D dst, S src, size_t bytes) {
  using E = std::remove_cv_t<std::remove_reference_t<decltype(kp::value_of(src[0]))>>;
  size_t count = bytes / sizeof(E);
  for (size_t i = size_t(group.thread_rank()); i < count; i += size_t(group.size())) dst[i] = E(src[i]);
}
template <class G, class D, class S>
inline void memcpy_async(const G& group, D dst, size_t dstCount, S src, size_t srcCount) {
  size_t count = dstCount < srcCount ? dstCount : srcCount;
  for (size_t i = size_t(group.thread_rank()); i < count; i += size_t(group.size())) dst[i] = src[i];
}
template <class G>
inline void wait(const G& group, int line = __builtin_LINE()) {
  group.sync(line);
}
template <unsigned Count, class G>
inline void wait_prior(const G& group, int line = __builtin_LINE()) {
  group.sync(line);
}
}  // namespace cooperative_groups
