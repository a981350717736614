// kp_profile.cpp — the emulator as a profiler (kp emulate/run --profile). Linked only into kernel binaries built
// for profiling, whose kernel file is compiled with -fsanitize=thread: GCC then calls __tsan_readN / __tsan_writeN
// before every memory access the optimised code still makes, and __tsan_atomic* for atomics. This file defines
// those functions itself (no ThreadSanitizer runtime is linked) and, for each access to a kernel buffer or to
// shared memory, notes the access site (the call's return address), the lane and the address.
//
// Grouping: the emulator runs the lanes of a warp one after another between warp synchronisation points
// (barriers, warp collectives, the end of the block), so the warp-level request a GPU would issue is rebuilt as
// (warp, access site, the lane's k-th execution of that site since the warp last synchronised): the lanes that
// executed a site for the k-th time form one request; lanes that skipped it (predicated off) are not in it. At each
// synchronisation point the open requests are counted:
//   global: 32-byte sectors (offsets from the buffer's start, which a GPU allocation aligns to 256 bytes),
//           128-byte lines (L1 tag lookups), bytes the lanes asked for;
//   shared: wavefronts — 32 banks of 4 bytes; lanes reading one word are a broadcast; 64-bit accesses are
//           served per half-warp and 128-bit ones per quarter-warp (CUDA C Programming Guide, shared memory of
//           compute capability 5.x and later), each group needing as many wavefronts as the most distinct words
//           it asks of one bank.
// Unique sectors read and written over the whole launch (the compulsory DRAM traffic) are bits in a bitmap per
// buffer. Counting never changes what the kernel computes: loads, stores and atomics happen exactly as without it.
//
// Output: KP_EMULATOR_PROFILE names a file that kp_profile_finish writes, one tab-separated record a line:
//   site PC SPACE OP REQUESTS SECTORS LINES WAVEFRONTS BYTES ACCESSES
//   unique ARG BUFFER_BYTES READ_SECTORS WRITTEN_SECTORS
//   tensor FP16_ACCUMULATE_FLOPS FP32_ACCUMULATE_FLOPS
#define KP_DRIVER 1
#include "kp_register.h"

#include <unordered_map>

namespace kp {
namespace {
enum Space { GLOBAL = 0, SHARED = 1 };
enum Op { LOAD = 0, STORE = 1, ATOMIC = 2 };

// A kernel buffer: its bytes and the bitmaps of the sectors read and written.
struct Range {
  const char* lo;
  const char* hi;
  int arg;
  uint64_t* readBits;
  uint64_t* writeBits;
};
const int kMaxRanges = 64;
Range g_ranges[kMaxRanges];
int g_nRanges = 0;
const char* g_globalLo = reinterpret_cast<const char*>(~uintptr_t(0));  // all buffers lie in [g_globalLo, g_globalHi)
const char* g_globalHi = nullptr;
size_t g_dynamicBytes = 0;
std::atomic<long long> g_tensorFlops[2];  // FP16-accumulate, FP32-accumulate

// One lane's access, packed: size << 56 | address (global: arg << 48 | offset in the buffer); 0 = no access.
inline uint64_t pack(uint64_t addr, unsigned size) { return (uint64_t(size > 255 ? 255 : size) << 56) | addr; }
inline uint64_t addr_of(uint64_t e) { return e & ((uint64_t(1) << 56) - 1); }
inline unsigned size_of(uint64_t e) { return unsigned(e >> 56); }

struct Counts {
  long long requests = 0, sectors = 0, lines = 0, wavefronts = 0, bytes = 0, accesses = 0;
};

// An access site open in one warp: grid[lane * rows + k] holds the lane's k-th execution of it (each lane's run
// of slots is contiguous: a lane runs all its executions before the next lane starts).
struct Site {
  const void* pc;
  uint8_t space;
  uint8_t op;
  int slot;
  uint32_t count[32];
  uint32_t rows = 0;
  std::vector<uint64_t> grid;
  Counts* counts = nullptr;
  // The last shared request's shape (which lanes, their sizes and word distances from the first lane's) and its
  // wavefronts: bank conflicts depend on the shape only, and a site's requests mostly share one.
  uint64_t shape[32];
  uint32_t shapeLanes = 0;
  long long shapeWavefronts = -1;
};

struct SiteKey {
  const void* pc;
  int spaceOp;
  bool operator==(const SiteKey& o) const { return pc == o.pc && spaceOp == o.spaceOp; }
};
struct SiteKeyHash {
  size_t operator()(const SiteKey& k) const { return std::hash<const void*>()(k.pc) * 31 + size_t(k.spaceOp); }
};

// The open requests of one warp: its sites, found by an open-addressed table on (pc, space).
struct WarpSites {
  static const int kSlots = 1024;
  int slots[kSlots];
  std::vector<Site> sites;
  int nUsed = 0;
  WarpSites() { std::fill(slots, slots + kSlots, -1); }
};

struct ThreadProfile {
  std::vector<WarpSites> warps;
  std::unordered_map<SiteKey, Counts, SiteKeyHash> counts;
  const char* shared[64];
  size_t sharedBytes[64];
  int nShared = 0;
};

std::mutex g_profilesLock;
std::vector<ThreadProfile*> g_profiles;
__thread ThreadProfile* t_profile = nullptr;

__attribute__((noinline)) ThreadProfile* new_thread_profile() {
  ThreadProfile* p = new ThreadProfile();
  unsigned threads = g_blockDim.x * g_blockDim.y * g_blockDim.z;
  p->warps.resize((threads + 31) / 32);
  std::lock_guard<std::mutex> lock(g_profilesLock);
  g_profiles.push_back(p);
  t_profile = p;
  return p;
}

inline ThreadProfile* profile_of_thread() {
  ThreadProfile* p = t_profile;
  return p != nullptr ? p : new_thread_profile();
}

inline void mark(uint64_t* bits, uint64_t sector) {
  __atomic_fetch_or(&bits[sector >> 6], uint64_t(1) << (sector & 63), __ATOMIC_RELAXED);
}

// Distinct values of v[0..n), sorted in place (insertion sort: lanes mostly come in address order).
inline int distinct(uint64_t* v, int n) {
  for (int i = 1; i < n; i++) {
    uint64_t x = v[i];
    int j = i;
    for (; j > 0 && v[j - 1] > x; j--) v[j] = v[j - 1];
    v[j] = x;
  }
  int d = 0;
  for (int i = 0; i < n; i++)
    if (i == 0 || v[i] != v[d - 1]) v[d++] = v[i];
  return d;
}

// One global request: the lanes' accesses row[0..32).
void count_global(const uint64_t* row, int op, Counts& c) {
  uint64_t sectors[32 * 8];
  uint64_t lines[32 * 8];
  int ns = 0, nl = 0;
  for (int l = 0; l < 32; l++) {
    if (row[l] == 0) continue;
    uint64_t a = addr_of(row[l]), last = a + size_of(row[l]) - 1;
    for (uint64_t s = a >> 5; s <= last >> 5 && ns < 32 * 8; s++) sectors[ns++] = s;
    for (uint64_t x = a >> 7; x <= last >> 7 && nl < 32 * 8; x++) lines[nl++] = x;
    c.bytes += size_of(row[l]);
    c.accesses++;
  }
  ns = distinct(sectors, ns);
  nl = distinct(lines, nl);
  c.requests++;
  c.sectors += ns;
  c.lines += nl;
  for (int i = 0; i < ns; i++) {
    uint64_t s = sectors[i];
    int arg = int(s >> (48 - 5));
    for (int r = 0; r < g_nRanges; r++) {
      if (g_ranges[r].arg != arg) continue;
      uint64_t local = s & ((uint64_t(1) << (48 - 5)) - 1);
      if (op != STORE) mark(g_ranges[r].readBits, local);
      if (op != LOAD) mark(g_ranges[r].writeBits, local);
    }
  }
}

// One shared request: wavefronts by the bank rules above.
long long wavefronts_of(const uint64_t* row);

void count_shared(const uint64_t* row, Site& site, Counts& c) {
  uint64_t shape[32];
  uint32_t lanes = 0;
  uint64_t base = 0;
  bool same = site.shapeWavefronts >= 0;
  for (int l = 0; l < 32; l++) {
    if (row[l] == 0) continue;
    if (lanes == 0) base = addr_of(row[l]) & ~uint64_t(3);
    lanes |= 1u << l;
    shape[l] = uint64_t(size_of(row[l])) << 56 | ((addr_of(row[l]) - base) & ((uint64_t(1) << 56) - 1));
    same &= site.shape[l] == shape[l];
    c.bytes += size_of(row[l]);
    c.accesses++;
  }
  c.requests++;
  if (same && lanes == site.shapeLanes) {
    c.wavefronts += site.shapeWavefronts;
    return;
  }
  site.shapeWavefronts = wavefronts_of(row);
  site.shapeLanes = lanes;
  std::copy(shape, shape + 32, site.shape);
  c.wavefronts += site.shapeWavefronts;
}

long long wavefronts_of(const uint64_t* row) {
  unsigned widest = 1;
  for (int l = 0; l < 32; l++)
    if (row[l] != 0) widest = std::max(widest, size_of(row[l]));
  if (widest <= 4) {
    // The usual case, one word a lane and one group: unless a bank is asked for two different words, one wavefront.
    uint64_t first[32];
    uint32_t asked = 0;
    bool conflict = false;
    for (int l = 0; l < 32 && !conflict; l++) {
      if (row[l] == 0) continue;
      uint64_t w = addr_of(row[l]) >> 2;
      unsigned b = unsigned(w & 31);
      if (!(asked >> b & 1)) {
        asked |= 1u << b;
        first[b] = w;
      } else {
        conflict = first[b] != w;
      }
    }
    if (!conflict) return 1;
  }
  int lanesPerGroup = widest <= 4 ? 32 : widest <= 8 ? 16 : 8;
  uint64_t seen[32][32];  // per bank, the distinct words asked of it
  long long wavefronts = 0;
  for (int g = 0; g < 32; g += lanesPerGroup) {
    uint8_t perBank[32] = {0};
    int most = 0;
    for (int l = g; l < g + lanesPerGroup; l++) {
      if (row[l] == 0) continue;
      uint64_t a = addr_of(row[l]), last = a + size_of(row[l]) - 1;
      for (uint64_t w = a >> 2; w <= last >> 2; w++) {
        unsigned b = unsigned(w & 31);
        bool known = false;
        for (int i = 0; i < perBank[b]; i++) known |= seen[b][i] == w;
        if (known) continue;
        if (perBank[b] < 32) seen[b][perBank[b]] = w;
        most = std::max(most, int(++perBank[b]));
      }
    }
    wavefronts += most;
  }
  return wavefronts;
}

void flush_warp(ThreadProfile* p, WarpSites& w) {
  for (int index = 0; index < w.nUsed; index++) {
    Site& s = w.sites[size_t(index)];
    if (s.counts == nullptr) s.counts = &p->counts[SiteKey{s.pc, s.space * 4 + s.op}];
    Counts& c = *s.counts;
    uint32_t K = 0;
    for (int l = 0; l < 32; l++) K = std::max(K, s.count[l]);
    uint64_t row[32];
    for (uint32_t k = 0; k < K; k++) {
      for (int l = 0; l < 32; l++) row[l] = k < s.count[l] ? s.grid[size_t(l) * s.rows + k] : 0;  // stale past a lane's count
      if (s.space == GLOBAL)
        count_global(row, s.op, c);
      else
        count_shared(row, s, c);
    }
    std::fill(s.count, s.count + 32, 0u);
    w.slots[s.slot] = -1;
  }
  w.nUsed = 0;
}

inline bool shared_of(ThreadProfile* p, const char* c) {
  if (g_dynamicBytes > 0 && c >= t_dynamicSmem && c < t_dynamicSmem + g_dynamicBytes) return true;
  for (int i = 0; i < p->nShared; i++)
    if (c >= p->shared[i] && c < p->shared[i] + p->sharedBytes[i]) return true;
  return false;
}

// The warp's open record of a site, made (or an idle one reused) on the first access since the warp synchronised.
inline Site* site_of(WarpSites& w, const void* pc, int space, int op) {
  uintptr_t h = (reinterpret_cast<uintptr_t>(pc) * 0x9E3779B97F4A7C15ull + uintptr_t(space)) >> 54;
  int slot = int(h & (WarpSites::kSlots - 1));
  for (int probe = 0; probe < WarpSites::kSlots; probe++, slot = (slot + 1) & (WarpSites::kSlots - 1)) {
    int index = w.slots[slot];
    if (index < 0) {
      size_t i = size_t(w.nUsed++);
      if (i == w.sites.size()) w.sites.emplace_back();
      Site* s = &w.sites[i];
      if (s->pc != pc || s->space != space || s->op != op) {
        s->counts = nullptr;  // a record keeps its counts' address and last shape while it serves the same site
        s->shapeWavefronts = -1;
      }
      s->pc = pc;
      s->space = uint8_t(space);
      s->op = uint8_t(op);
      s->slot = slot;
      w.slots[slot] = int(i);
      return s;
    }
    Site* candidate = &w.sites[size_t(index)];
    if (candidate->pc == pc && candidate->space == space) return candidate;
  }
  return nullptr;  // more than kSlots sites open in one warp: not counted
}

__thread int t_muted = 0;

// Doubles the slots of every lane of a site, keeping what they hold.
__attribute__((noinline)) void grow(Site& s) {
  uint32_t rows = s.rows == 0 ? 8 : s.rows * 2;
  std::vector<uint64_t> grid(size_t(rows) * 32);
  for (int l = 0; l < 32 && s.rows > 0; l++)
    std::copy_n(s.grid.begin() + ptrdiff_t(size_t(l) * s.rows), s.rows, grid.begin() + ptrdiff_t(size_t(l) * rows));
  s.grid.swap(grid);
  s.rows = rows;
}

// Notes one access of `lane` of the running thread's warp.
inline void record_lane(const void* at, unsigned size, int op, const void* pc, unsigned lane) {
  Fiber* f = t_fiber;
  const char* c = static_cast<const char*>(at);
  uint64_t addr = 0;
  int space = -1;
  if (c >= g_globalLo && c < g_globalHi) {
    for (int i = 0; i < g_nRanges; i++) {
      if (c >= g_ranges[i].lo && c < g_ranges[i].hi) {
        addr = (uint64_t(g_ranges[i].arg) << 48) | uint64_t(c - g_ranges[i].lo);
        space = GLOBAL;
        break;
      }
    }
  }
  ThreadProfile* p = profile_of_thread();
  if (space < 0) {
    if (!shared_of(p, c)) return;
    addr = uint64_t(reinterpret_cast<uintptr_t>(c)) & ((uint64_t(1) << 56) - 1);
    space = SHARED;
  }
  Site* s = site_of(p->warps[f->linear >> 5], pc, space, op);
  if (s == nullptr) return;
  uint32_t k = s->count[lane]++;
  if (__builtin_expect(k >= s->rows, 0)) grow(*s);
  s->grid[size_t(lane) * s->rows + k] = pack(addr, size);
}

inline void record(const void* at, unsigned size, int op, const void* pc) {
  Fiber* f = t_fiber;
  if (f == nullptr || t_muted) return;
  record_lane(at, size, op, pc, f->linear & 31);
}
}  // namespace

void profile_mute(int on) { t_muted = on; }

// A warp's WMMA tile (kp_cuda.h, TileCount): its rows (columns when col-major) in memory order, cut into 16-byte
// pieces dealt to the lanes in turn, 32 pieces a request; the site is the line itself (marked by bit 62).
void profile_tile(const void* base, int rows, int cols, unsigned ldm, unsigned elem, int colMajor, int store, int line) {
  if (t_fiber == nullptr || elem == 0 || elem > 16) return;
  const void* pc = reinterpret_cast<const void*>(uintptr_t(1) << 62 | uintptr_t(unsigned(line)));
  int outer = colMajor ? cols : rows, inner = colMajor ? rows : cols;
  int per = int(16 / elem);
  unsigned piece = 0;
  for (int o = 0; o < outer; o++)
    for (int i = 0; i < inner; i += per, piece++) {
      const char* at = static_cast<const char*>(base) + (size_t(o) * ldm + size_t(i)) * elem;
      record_lane(at, unsigned(std::min(per, inner - i)) * elem, store ? STORE : LOAD, pc, piece & 31);
    }
}

// ---------------------------------------------------------------------------------------------------
// Called by the driver (weak references there: null in binaries built without profiling)
// ---------------------------------------------------------------------------------------------------
void profile_buffer(int arg, const char* data, size_t bytes) {
  if (g_nRanges >= kMaxRanges) return;
  size_t words = (bytes / 32 + 64) / 64;
  g_ranges[g_nRanges++] = Range{data, data + bytes, arg, static_cast<uint64_t*>(calloc(words, 8)),
                                static_cast<uint64_t*>(calloc(words, 8))};
  g_globalLo = std::min(g_globalLo, data);
  g_globalHi = std::max(g_globalHi, data + bytes);
}

void profile_start(size_t dynamicSharedBytes) { g_dynamicBytes = dynamicSharedBytes; }

void profile_sync_block() {
  ThreadProfile* p = t_profile;
  if (p == nullptr) return;
  for (WarpSites& w : p->warps) flush_warp(p, w);
}

void profile_sync_warp(unsigned warp) {
  ThreadProfile* p = t_profile;
  if (p != nullptr && warp < p->warps.size()) flush_warp(p, p->warps[warp]);
}

void profile_shared(const void* base, size_t bytes) {
  ThreadProfile* p = profile_of_thread();
  const char* b = static_cast<const char*>(base);
  for (int i = 0; i < p->nShared; i++)
    if (p->shared[i] == b) return;
  if (p->nShared < 64) {
    p->shared[p->nShared] = b;
    p->sharedBytes[p->nShared++] = bytes;
  }
}

void profile_tensor(long long flops, int fp32Accumulate) {
  g_tensorFlops[fp32Accumulate ? 1 : 0].fetch_add(flops, std::memory_order_relaxed);
}

static long long bits_set(const uint64_t* bits, size_t bytes) {
  long long n = 0;
  for (size_t i = 0; i < (bytes / 32 + 64) / 64; i++) n += __builtin_popcountll(bits[i]);
  return n;
}

void profile_finish() {
  const char* path = getenv("KP_EMULATOR_PROFILE");
  if (path == nullptr || *path == 0) return;
  std::unordered_map<SiteKey, Counts, SiteKeyHash> all;
  for (ThreadProfile* p : g_profiles) {
    for (WarpSites& w : p->warps) flush_warp(p, w);
    for (auto& [key, c] : p->counts) {
      Counts& t = all[key];
      t.requests += c.requests, t.sectors += c.sectors, t.lines += c.lines, t.wavefronts += c.wavefronts;
      t.bytes += c.bytes, t.accesses += c.accesses;
    }
  }
  FILE* out = fopen(path, "w");
  if (out == nullptr) return;
  static const char* ops[] = {"load", "store", "atomic"};
  for (auto& [key, c] : all) {
    fprintf(out, "site\t%p\t%s\t%s\t%lld\t%lld\t%lld\t%lld\t%lld\t%lld\n", key.pc, key.spaceOp / 4 ? "shared" : "global",
            ops[key.spaceOp % 4], c.requests, c.sectors, c.lines, c.wavefronts, c.bytes, c.accesses);
  }
  for (int i = 0; i < g_nRanges; i++) {
    size_t bytes = size_t(g_ranges[i].hi - g_ranges[i].lo);
    fprintf(out, "unique\t%d\t%zu\t%lld\t%lld\n", g_ranges[i].arg, bytes, bits_set(g_ranges[i].readBits, bytes),
            bits_set(g_ranges[i].writeBits, bytes));
  }
  fprintf(out, "tensor\t%lld\t%lld\n", g_tensorFlops[0].load(), g_tensorFlops[1].load());
  fclose(out);
}
}  // namespace kp

// ---------------------------------------------------------------------------------------------------
// The ThreadSanitizer entry points GCC's -fsanitize=thread instrumentation calls
// ---------------------------------------------------------------------------------------------------
#define KP_NOTE(size, op) ::kp::record(const_cast<const void*>((const volatile void*)a), size, op, __builtin_return_address(0))
extern "C" {
void __tsan_init() {}
void __tsan_func_entry(void*) {}
void __tsan_func_exit() {}
void __tsan_vptr_update(void**, void*) {}
void __tsan_vptr_read(void**) {}
void __tsan_read_range(void* a, unsigned long size) { KP_NOTE(unsigned(size), ::kp::LOAD); }
void __tsan_write_range(void* a, unsigned long size) { KP_NOTE(unsigned(size), ::kp::STORE); }
#define KP_TSAN_RW(N)                                                              \
  void __tsan_read##N(void* a) { KP_NOTE(N, ::kp::LOAD); }                         \
  void __tsan_write##N(void* a) { KP_NOTE(N, ::kp::STORE); }                       \
  void __tsan_unaligned_read##N(void* a) { KP_NOTE(N, ::kp::LOAD); }               \
  void __tsan_unaligned_write##N(void* a) { KP_NOTE(N, ::kp::STORE); }             \
  void __tsan_volatile_read##N(void* a) { KP_NOTE(N, ::kp::LOAD); }                \
  void __tsan_volatile_write##N(void* a) { KP_NOTE(N, ::kp::STORE); }              \
  void __tsan_unaligned_volatile_read##N(void* a) { KP_NOTE(N, ::kp::LOAD); }      \
  void __tsan_unaligned_volatile_write##N(void* a) { KP_NOTE(N, ::kp::STORE); }
KP_TSAN_RW(1) KP_TSAN_RW(2) KP_TSAN_RW(4) KP_TSAN_RW(8) KP_TSAN_RW(16)

// Atomics run sequentially consistent whatever order was asked (stronger is allowed). Plain atomic loads and
// stores are the emulator's own bookkeeping (a float atomicAdd loads, then compares and swaps): only the
// read-modify-write operations count, once each.
#define KP_TSAN_ATOMIC(N, T)                                                                                    \
  T __tsan_atomic##N##_load(const volatile T* a, int) { return __atomic_load_n(a, __ATOMIC_SEQ_CST); }         \
  void __tsan_atomic##N##_store(volatile T* a, T v, int) { __atomic_store_n(a, v, __ATOMIC_SEQ_CST); }         \
  T __tsan_atomic##N##_exchange(volatile T* a, T v, int) {                                                     \
    KP_NOTE(N / 8, ::kp::ATOMIC);                                                                              \
    return __atomic_exchange_n(a, v, __ATOMIC_SEQ_CST);                                                        \
  }                                                                                                            \
  T __tsan_atomic##N##_fetch_add(volatile T* a, T v, int) {                                                    \
    KP_NOTE(N / 8, ::kp::ATOMIC);                                                                              \
    return __atomic_fetch_add(a, v, __ATOMIC_SEQ_CST);                                                         \
  }                                                                                                            \
  T __tsan_atomic##N##_fetch_sub(volatile T* a, T v, int) {                                                    \
    KP_NOTE(N / 8, ::kp::ATOMIC);                                                                              \
    return __atomic_fetch_sub(a, v, __ATOMIC_SEQ_CST);                                                         \
  }                                                                                                            \
  T __tsan_atomic##N##_fetch_and(volatile T* a, T v, int) {                                                    \
    KP_NOTE(N / 8, ::kp::ATOMIC);                                                                              \
    return __atomic_fetch_and(a, v, __ATOMIC_SEQ_CST);                                                         \
  }                                                                                                            \
  T __tsan_atomic##N##_fetch_or(volatile T* a, T v, int) {                                                     \
    KP_NOTE(N / 8, ::kp::ATOMIC);                                                                              \
    return __atomic_fetch_or(a, v, __ATOMIC_SEQ_CST);                                                          \
  }                                                                                                            \
  T __tsan_atomic##N##_fetch_xor(volatile T* a, T v, int) {                                                    \
    KP_NOTE(N / 8, ::kp::ATOMIC);                                                                              \
    return __atomic_fetch_xor(a, v, __ATOMIC_SEQ_CST);                                                         \
  }                                                                                                            \
  T __tsan_atomic##N##_fetch_nand(volatile T* a, T v, int) {                                                   \
    KP_NOTE(N / 8, ::kp::ATOMIC);                                                                              \
    return __atomic_fetch_nand(a, v, __ATOMIC_SEQ_CST);                                                        \
  }                                                                                                            \
  int __tsan_atomic##N##_compare_exchange_strong(volatile T* a, T* c, T v, int, int) {                         \
    KP_NOTE(N / 8, ::kp::ATOMIC);                                                                              \
    return __atomic_compare_exchange_n(a, c, v, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);                    \
  }                                                                                                            \
  int __tsan_atomic##N##_compare_exchange_weak(volatile T* a, T* c, T v, int, int) {                           \
    KP_NOTE(N / 8, ::kp::ATOMIC);                                                                              \
    return __atomic_compare_exchange_n(a, c, v, true, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);                     \
  }                                                                                                            \
  T __tsan_atomic##N##_compare_exchange_val(volatile T* a, T c, T v, int, int) {                               \
    KP_NOTE(N / 8, ::kp::ATOMIC);                                                                              \
    __atomic_compare_exchange_n(a, &c, v, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);                          \
    return c;                                                                                                  \
  }
KP_TSAN_ATOMIC(8, unsigned char)
KP_TSAN_ATOMIC(16, unsigned short)
KP_TSAN_ATOMIC(32, unsigned int)
KP_TSAN_ATOMIC(64, unsigned long long)
void __tsan_atomic_thread_fence(int) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
void __tsan_atomic_signal_fence(int) { __atomic_signal_fence(__ATOMIC_SEQ_CST); }
}
