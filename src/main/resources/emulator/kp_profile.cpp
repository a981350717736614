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
  // The last shared request and its wavefronts, bytes and lanes: bank conflicts depend on the request's shape only
  // (which lanes, their sizes and word distances), and a site's requests mostly share one.
  uint64_t lastRow[32] = {0};
  const uint64_t* lastAt = nullptr;  // during a synchronisation, the warp's row that is the last request; else lastRow
  long long lastWavefronts = -1;
  long long lastBytes = 0;
  long long lastAccesses = 0;
};

struct SiteKey {
  const void* pc;
  int spaceOp;
  bool operator==(const SiteKey& o) const { return pc == o.pc && spaceOp == o.spaceOp; }
};
struct SiteKeyHash {
  size_t operator()(const SiteKey& k) const { return std::hash<const void*>()(k.pc) * 31 + size_t(k.spaceOp); }
};

// One access of the warp's leading sequence (below): its site and where the leader's address lay, which the other
// lanes' addresses at this step are checked against first.
struct Step {
  const void* pc;
  int site;          // index in WarpSites::sites
  uint8_t space;
  const char* lo;    // the buffer or shared variable the leader's access fell in
  const char* hi;
  uint64_t base;     // what an address in [lo, hi) is packed relative to: lo - (arg << 48) for a buffer, 0 for shared
};

// No access matches it (its pc is null): it ends every sequence, so record's usual path needs no bounds test.
const Step kNoStep{};

// A warp's steps, held with kNoStep after the last one.
class Sequence {
 public:
  uint32_t size() const { return steps_.empty() ? 0 : uint32_t(steps_.size() - 1); }
  bool empty() const { return steps_.empty(); }
  const Step& operator[](size_t i) const { return steps_[i]; }
  const Step* at(uint32_t i) const { return i < size() ? &steps_[i] : &kNoStep; }
  uint32_t index_of(const Step* s) const { return uint32_t(s - steps_.data()); }
  void append(const Step& s) {
    if (steps_.empty()) steps_.push_back(kNoStep);
    steps_.back() = s;
    steps_.push_back(kNoStep);
  }
  void truncate(uint32_t n) {
    if (n == 0) return clear();
    steps_.resize(n);
    steps_.push_back(kNoStep);
  }
  void clear() { steps_.clear(); }
  void swap(Sequence& o) { steps_.swap(o.steps_); }

 private:
  std::vector<Step> steps_;
};

// The open requests of one warp. Usually every lane makes the same sequence of accesses between two synchronisation
// points; then the i-th access of every lane is the same site's same execution, and the warp's requests are the rows
// of `lanes` (row i: the lanes' i-th accesses, 0 for a lane that stopped earlier) — recorded with one comparison of
// the site per access, no lookup. The first lane to record defines the sequence (steps), or finds it among the
// sequences of earlier phases (kept: a loop's phases repeat theirs) and then only extends it where it goes on. A lane
// that departs from it (another site, another space, more accesses) moves the whole warp, until it next synchronises,
// to the general form: per site, each lane's executions (Site::grid), its site found by an open-addressed table on
// (pc, space). Site records stay over synchronisations (the kept sequences name them) until a quarter of the table is
// used.
struct WarpSites {
  static const int kSlots = 1024;
  static const int kKept = 4;
  int slots[kSlots];
  std::vector<Site> sites;
  int nUsed = 0;
  bool general = false;
  int leader = -1;  // the lane that extends the sequence: the first to go past its end since the warp synchronised
  Sequence steps;
  std::vector<uint64_t> lanes;  // lanes[i * 32 + lane]: the lane's i-th access, packed; 0 = none
  uint32_t cursor[32] = {0};    // accesses each lane has recorded in the sequence
  Sequence kept[kKept];
  int nextKept = 0;
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
__thread int t_muted = 0;

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

// Sectors are mostly marked already (a tile is read by many blocks): look before the locked write.
inline void mark_bits(uint64_t* word, uint64_t bits) {
  if ((__atomic_load_n(word, __ATOMIC_RELAXED) & bits) != bits) __atomic_fetch_or(word, bits, __ATOMIC_RELAXED);
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

// Marks sectors of a request read, written or both: the bits `bits` of word `word` of the bitmaps of the buffers of
// argument arg.
inline void mark_word(int arg, uint64_t word, uint64_t bits, int op) {
  int n = g_nRanges;
  for (int r = 0; r < n; r++) {
    Range& range = g_ranges[r];
    if (range.arg != arg) continue;
    if (op != STORE) mark_bits(&range.readBits[word], bits);
    if (op != LOAD) mark_bits(&range.writeBits[word], bits);
  }
}

// The sectors of a request, gathered into one bitmap word at a time as they come in order (packed sectors: arg << 43
// | sector in the buffer): a coalesced request's sectors mostly share one word.
struct SectorMarks {
  int op;
  uint64_t word = ~uint64_t(0);  // packed: arg << 37 | word in the buffer's bitmap
  uint64_t bits = 0;
  void add(uint64_t s) {
    uint64_t w = s >> 6;
    if (w != word) {
      done();
      word = w;
    }
    bits |= uint64_t(1) << (s & 63);
  }
  void done() {
    if (bits == 0) return;
    mark_word(int(word >> (48 - 5 - 6)), word & ((uint64_t(1) << (48 - 5 - 6)) - 1), bits, op);
    bits = 0;
  }
};

// The distinct sectors and lines of a request whose lanes ask in address order (the usual case), counted as they
// come (a unit is new unless it is the last one counted), its sectors marked; false, with nothing counted, when a
// lane asks before the one before it.
bool count_units_in_order(const uint64_t* row, int op, Counts& c) {
  long long sectors = 0, lines = 0;
  uint64_t lastSector = ~uint64_t(0), lastLine = ~uint64_t(0);
  SectorMarks marks{op};
  for (int l = 0; l < 32; l++) {
    if (row[l] == 0) continue;
    uint64_t a = addr_of(row[l]), last = a + size_of(row[l]) - 1;
    uint64_t s0 = a >> 5, s1 = last >> 5, x0 = a >> 7, x1 = last >> 7;
    if (lastSector != ~uint64_t(0) && s0 < lastSector) return false;  // the marks so far are right all the same
    sectors += (s0 != lastSector) + (s1 - s0);
    lines += (x0 != lastLine) + (x1 - x0);
    for (uint64_t s = s0 == lastSector ? s0 + 1 : s0; s <= s1; s++) marks.add(s);
    lastSector = s1;
    lastLine = x1;
  }
  marks.done();
  c.sectors += sectors;
  c.lines += lines;
  return true;
}

// The same for a request whose lanes ask out of order: its sectors and lines listed, sorted, counted.
__attribute__((noinline)) void count_units_unordered(const uint64_t* row, int op, Counts& c) {
  uint64_t sectors[32 * 8];
  uint64_t lines[32 * 8];
  int ns = 0, nl = 0;
  for (int l = 0; l < 32; l++) {
    if (row[l] == 0) continue;
    uint64_t a = addr_of(row[l]), last = a + size_of(row[l]) - 1;
    for (uint64_t s = a >> 5; s <= last >> 5 && ns < 32 * 8; s++) sectors[ns++] = s;
    for (uint64_t x = a >> 7; x <= last >> 7 && nl < 32 * 8; x++) lines[nl++] = x;
  }
  ns = distinct(sectors, ns);
  nl = distinct(lines, nl);
  c.sectors += ns;
  c.lines += nl;
  SectorMarks marks{op};
  for (int i = 0; i < ns; i++) marks.add(sectors[i]);
  marks.done();
}

// One global request: the lanes' accesses row[0..32).
void count_global(const uint64_t* row, int op, Counts& c) {
  long long bytes = 0, accesses = 0;
  for (int l = 0; l < 32; l++) {
    bytes += size_of(row[l]);
    accesses += row[l] != 0;
  }
  if (accesses == 0) return;  // a kept sequence's step no lane took this phase
  if (!count_units_in_order(row, op, c)) count_units_unordered(row, op, c);
  c.requests++;
  c.bytes += bytes;
  c.accesses += accesses;
}

// One shared request: wavefronts by the bank rules above.
long long wavefronts_of(const uint64_t* row);

// rowStays: row is one of the warp's rows, which stay until the synchronisation is counted (settle_last), so it is
// remembered as the last request by its address instead of copied.
__attribute__((always_inline)) inline void count_shared(const uint64_t* __restrict row, Site& site, Counts& c,
                                                        bool rowStays) {
  // The same shape as the site's last request: the same lanes, sizes and distances, all moved by one distance d
  // that is a whole number of words (the banks turn, the conflicts stay), and so the same bytes, lanes and
  // wavefronts. Addresses are user-space (below 2^47), so a packed difference equal to d also means an equal size.
  // The comparison has no branch, so GCC vectorises it.
  int first = 0;
  while (first < 32 && row[first] == 0) first++;
  if (first == 32) return;
  const uint64_t* __restrict last = site.lastAt != nullptr ? site.lastAt : site.lastRow;  // never row itself
  uint64_t d = row[first] - last[first];
  bool same = site.lastWavefronts >= 0 && last[first] != 0 && size_of(row[first]) == size_of(last[first]) &&
              (d & 3) == 0;
  if (same) {
    uint64_t differs = 0;
    for (int l = 0; l < 32; l++) {
      uint64_t q = last[l];
      differs |= row[l] ^ (q != 0 ? q + d : 0);  // q + d is not 0: q holds a size in its top byte, d does not
    }
    same = differs == 0;
  }
  if (!same) {
    long long bytes = 0, accesses = 0;
    for (int l = 0; l < 32; l++) {
      bytes += size_of(row[l]);
      accesses += row[l] != 0;
    }
    site.lastBytes = bytes;
    site.lastAccesses = accesses;
    site.lastWavefronts = wavefronts_of(row);
  }
  if (rowStays) {
    site.lastAt = row;
  } else {
    std::copy(row, row + 32, site.lastRow);
    site.lastAt = nullptr;
  }
  c.requests++;
  c.bytes += site.lastBytes;
  c.accesses += site.lastAccesses;
  c.wavefronts += site.lastWavefronts;
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

inline Counts& counts_of(ThreadProfile* p, Site& s) {
  if (s.counts == nullptr) s.counts = &p->counts[SiteKey{s.pc, s.space * 4 + s.op}];
  return *s.counts;
}

// Copies the last request of each site that points into the warp's rows, which the next phase overwrites.
void settle_last(WarpSites& w) {
  for (int index = 0; index < w.nUsed; index++) {
    Site& s = w.sites[size_t(index)];
    if (s.lastAt == nullptr) continue;
    std::copy(s.lastAt, s.lastAt + 32, s.lastRow);
    s.lastAt = nullptr;
  }
}

// Keeps the sequence of the phase that ended for the phases to come: in place of one that begins at the same site,
// else of the oldest.
void keep_sequence(WarpSites& w) {
  int k = -1;
  for (int j = 0; j < WarpSites::kKept; j++)
    if (!w.kept[j].empty() && w.kept[j][0].pc == w.steps[0].pc) k = j;
  if (k < 0) {
    k = w.nextKept;
    w.nextKept = (k + 1) % WarpSites::kKept;
  }
  w.kept[k].swap(w.steps);
}

// Forgets every site record of the warp, and so the kept sequences that name them.
void forget_sites(WarpSites& w) {
  for (int index = 0; index < w.nUsed; index++) w.slots[w.sites[size_t(index)].slot] = -1;
  w.nUsed = 0;
  for (Sequence& k : w.kept) k.clear();
}

void flush_warp(ThreadProfile* p, WarpSites& w) {
  size_t n = w.steps.size();
  // A lane that stopped early holds older phases' accesses past its cursor: not this phase's.
  for (unsigned lane = 0; lane < 32; lane++)
    for (size_t i = w.cursor[lane]; i < n; i++) w.lanes[i * 32 + lane] = 0;
  for (size_t i = 0; i < n; i++) {
    Site& s = w.sites[size_t(w.steps[i].site)];
    const uint64_t* row = &w.lanes[i * 32];
    if (s.space == GLOBAL)
      count_global(row, s.op, counts_of(p, s));
    else
      count_shared(row, s, counts_of(p, s), true);
  }
  settle_last(w);
  std::fill(w.cursor, w.cursor + 32, 0u);
  if (n > 0) keep_sequence(w);
  w.steps.clear();
  w.leader = -1;
  w.general = false;
  for (int index = 0; index < w.nUsed; index++) {
    Site& s = w.sites[size_t(index)];
    Counts& c = counts_of(p, s);
    uint32_t K = 0;
    for (int l = 0; l < 32; l++) K = std::max(K, s.count[l]);
    uint64_t row[32];
    for (uint32_t k = 0; k < K; k++) {
      for (int l = 0; l < 32; l++) row[l] = k < s.count[l] ? s.grid[size_t(l) * s.rows + k] : 0;  // stale past a lane's count
      if (s.space == GLOBAL)
        count_global(row, s.op, c);
      else
        count_shared(row, s, c, false);
    }
    std::fill(s.count, s.count + 32, 0u);
  }
  if (w.nUsed > WarpSites::kSlots / 4) forget_sites(w);
}

// The warp's record of a site, made on the site's first access (records stay until forget_sites, then are reused).
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
        s->lastWavefronts = -1;
        s->lastAt = nullptr;
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

// Doubles the slots of every lane of a site, keeping what they hold.
__attribute__((noinline)) void grow(Site& s) {
  uint32_t rows = s.rows == 0 ? 8 : s.rows * 2;
  std::vector<uint64_t> grid(size_t(rows) * 32);
  for (int l = 0; l < 32 && s.rows > 0; l++)
    std::copy_n(s.grid.begin() + ptrdiff_t(size_t(l) * s.rows), s.rows, grid.begin() + ptrdiff_t(size_t(l) * rows));
  s.grid.swap(grid);
  s.rows = rows;
}

// Where an address lies: a kernel buffer (GLOBAL) or a shared variable or the dynamic shared memory (SHARED), the
// bounds of that object, and the base its packed address is relative to; space -1 for anything else (the stack).
struct Place {
  int space = -1;
  const char* lo = nullptr;
  const char* hi = nullptr;
  uint64_t base = 0;
};

Place place_of(ThreadProfile* p, const char* c) {
  if (c >= g_globalLo && c < g_globalHi) {
    for (int i = 0; i < g_nRanges; i++) {
      const Range& r = g_ranges[i];
      if (c >= r.lo && c < r.hi)
        return Place{GLOBAL, r.lo, r.hi, uint64_t(reinterpret_cast<uintptr_t>(r.lo)) - (uint64_t(r.arg) << 48)};
    }
  }
  if (g_dynamicBytes > 0 && c >= t_dynamicSmem && c < t_dynamicSmem + g_dynamicBytes)
    return Place{SHARED, t_dynamicSmem, t_dynamicSmem + g_dynamicBytes, 0};
  for (int i = 0; i < p->nShared; i++)
    if (c >= p->shared[i] && c < p->shared[i] + p->sharedBytes[i])
      return Place{SHARED, p->shared[i], p->shared[i] + p->sharedBytes[i], 0};
  return Place{};
}

// The packed address of c in its place: a buffer's arg << 48 | offset, or a shared address (56 bits).
inline uint64_t address_in(const char* c, uint64_t base) {
  return (uint64_t(reinterpret_cast<uintptr_t>(c)) - base) & ((uint64_t(1) << 56) - 1);
}

// Notes an access in the general form (per site, per lane).
inline void record_general(WarpSites& w, const void* pc, int space, int op, unsigned lane, uint64_t entry) {
  Site* s = site_of(w, pc, space, op);
  if (s == nullptr) return;
  uint32_t k = s->count[lane]++;
  if (__builtin_expect(k >= s->rows, 0)) grow(*s);
  s->grid[size_t(lane) * s->rows + k] = entry;
}

// Moves the warp's sequence so far into the general form: lane by lane, step by step, as record_general would have
// noted each access.
__attribute__((noinline)) void to_general(WarpSites& w) {
  for (unsigned lane = 0; lane < 32; lane++)
    for (uint32_t i = 0; i < w.cursor[lane]; i++) {
      uint64_t& entry = w.lanes[size_t(i) * 32 + lane];
      Site& s = w.sites[size_t(w.steps[i].site)];
      uint32_t k = s.count[lane]++;
      if (k >= s.rows) grow(s);
      s.grid[size_t(lane) * s.rows + k] = entry;
      entry = 0;
    }
  std::fill(w.cursor, w.cursor + 32, 0u);
  w.steps.clear();
  w.leader = -1;
  w.general = true;
}

// The running lane's place in its warp's sequence, kept in thread-local variables while the lane runs, so that
// record's usual path reads no warp state: a call per access is most of what profiling costs, and each load on its
// path counts. Written back to the warp's cursor (cool) before anything else reads or changes the warp or another
// lane runs: the slow path, the lane handing the CPU on (profile_yield), a synchronisation point, a WMMA tile,
// muting.
//
// step and slot are not neighbours: GCC would update them with one 16-byte store, which the next access's 8-byte load
// of step cannot take its value from without waiting (measured: record 1.4x slower).
struct Hot {
  const Step* step = &kNoStep;  // the next step of the sequence; kNoStep when no place is kept
  WarpSites* warp = nullptr;
  uint64_t* slot = nullptr;     // where that step's access goes: lanes[i * 32 + lane]
  unsigned lane = 0;
};
__thread Hot t_hot;

inline void cool() {
  Hot& h = t_hot;
  if (h.warp != nullptr && h.step != &kNoStep) h.warp->cursor[h.lane] = h.warp->steps.index_of(h.step);
  h = Hot{};
}

// Keeps the place of a lane of a warp that still follows one sequence (a lane at its end, such as the leader
// extending it, gets the end marker or kNoStep and so takes the slow path).
inline void heat(WarpSites& w, unsigned lane) {
  if (w.general) return;
  uint32_t i = w.cursor[lane];
  Hot& h = t_hot;
  h.warp = &w;
  h.lane = lane;
  h.step = w.steps.at(i);
  h.slot = w.lanes.data() + size_t(i) * 32 + lane;
}

// Whether no lane but this one has recorded since the warp synchronised.
bool alone(const WarpSites& w, unsigned lane) {
  for (unsigned l = 0; l < 32; l++)
    if (l != lane && w.cursor[l] != 0) return false;
  return true;
}

// The phase's first access: a kept sequence that begins with it becomes the warp's sequence.
bool take_kept(WarpSites& w, const char* c, const void* pc, int space) {
  for (Sequence& k : w.kept) {
    if (k.empty() || k[0].pc != pc || k[0].space != space || c < k[0].lo || c >= k[0].hi) continue;
    w.steps.swap(k);
    size_t need = size_t(w.steps.size()) * 32;
    if (w.lanes.size() < need) w.lanes.resize(std::max(w.lanes.size() * 2, need), 0);
    return true;
  }
  return false;
}

// An access record's usual path cannot take: a lane past the end of the sequence (the first lane extends it), an
// address outside the step's object, or a lane departing from the sequence.
void record_in(ThreadProfile* p, WarpSites& w, const char* c, unsigned size, int op, const void* pc, unsigned lane) {
  Place place = place_of(p, c);
  if (place.space < 0) return;
  uint64_t entry = pack(address_in(c, place.base), size);
  if (!w.general) {
    uint32_t i = w.cursor[lane];
    if (i < w.steps.size() && w.steps[i].pc == pc && w.steps[i].space == place.space) {
      w.lanes[size_t(i) * 32 + lane] = entry;  // the step's site, another object of its space
      w.cursor[lane] = i + 1;
      return;
    }
    if (i < w.steps.size() && alone(w, lane)) {  // the first lane of the phase leaves a kept sequence
      w.steps.truncate(i);
    }
    if (i == 0 && w.steps.empty() && take_kept(w, c, pc, place.space)) {
      w.lanes[lane] = entry;
      w.cursor[lane] = 1;
      return;
    }
    if (i == w.steps.size() && (w.leader < 0 || w.leader == int(lane))) {
      w.leader = int(lane);
      Site* s = site_of(w, pc, place.space, op);
      if (s == nullptr) return;
      w.steps.append(Step{pc, int(s - w.sites.data()), uint8_t(place.space), place.lo, place.hi, place.base});
      if (w.lanes.size() < w.steps.size() * 32) w.lanes.resize(std::max<size_t>(w.lanes.size() * 2, 32 * 64), 0);
      w.lanes[size_t(i) * 32 + lane] = entry;
      w.cursor[lane] = i + 1;
      return;
    }
    to_general(w);
  }
  record_general(w, pc, place.space, op, lane, entry);
}

// The usual path: the running lane's next step, if this access is at its site and in its object.
inline bool record_step(Hot& h, const char* c, unsigned size, const void* pc) {
  const Step* s = h.step;
  if (__builtin_expect(s->pc == pc && c >= s->lo && c < s->hi, 1)) {  // never kNoStep: no call site is at 0
    // c lies in [lo, hi), so c - base is below 2^56 (address_in's mask would change nothing)
    *h.slot = pack(uint64_t(reinterpret_cast<uintptr_t>(c)) - s->base, size);
    h.slot += 32;
    h.step = s + 1;
    return true;
  }
  return false;
}

// record's slow path: also where a lane's place is first kept, when it starts running.
__attribute__((noinline)) void record_slow(const char* c, unsigned size, int op, const void* pc) {
  bool wasKept = t_hot.warp != nullptr;
  cool();
  Fiber* f = t_fiber;
  if (f == nullptr || t_muted) return;
  ThreadProfile* p = profile_of_thread();
  unsigned lane = f->linear & 31;
  WarpSites& w = p->warps[f->linear >> 5];
  if (!wasKept) {  // the lane just started running: its next step may well be this access
    heat(w, lane);
    if (record_step(t_hot, c, size, pc)) return;
    cool();
  }
  record_in(p, w, c, size, op, pc, lane);
  heat(w, lane);
}

// Notes one access of the running lane: usually its next step of the warp's sequence, an address in the same object
// as the leader's. The slow path is a tail call, so this path saves no registers.
inline void record(const void* at, unsigned size, int op, const void* pc) {
  const char* c = static_cast<const char*>(at);
  if (__builtin_expect(record_step(t_hot, c, size, pc), 1)) return;
  return record_slow(c, size, op, pc);
}
}  // namespace

void profile_yield() { cool(); }

void profile_mute(int on) {
  cool();
  t_muted = on;
}

// A warp's WMMA tile (kp_cuda.h, TileCount): its rows (columns when col-major) in memory order, cut into 16-byte
// pieces dealt to the lanes in turn, 32 pieces a request; the site is the line itself (marked by bit 62).
void profile_tile(const void* base, int rows, int cols, unsigned ldm, unsigned elem, int colMajor, int store, int line) {
  if (t_fiber == nullptr || elem == 0 || elem > 16) return;
  const void* pc = reinterpret_cast<const void*>(uintptr_t(1) << 62 | uintptr_t(unsigned(line)));
  int outer = colMajor ? cols : rows, inner = colMajor ? rows : cols;
  int per = int(16 / elem);
  unsigned piece = 0;
  cool();
  ThreadProfile* p = profile_of_thread();
  WarpSites& w = p->warps[t_fiber->linear >> 5];
  if (!w.general) to_general(w);  // the pieces are dealt to lanes other than the running one
  for (int o = 0; o < outer; o++)
    for (int i = 0; i < inner; i += per, piece++) {
      const char* at = static_cast<const char*>(base) + (size_t(o) * ldm + size_t(i)) * elem;
      Place place = place_of(p, at);
      if (place.space < 0) continue;
      uint64_t entry = pack(address_in(at, place.base), unsigned(std::min(per, inner - i)) * elem);
      record_general(w, pc, place.space, store ? STORE : LOAD, piece & 31, entry);
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
  cool();
  ThreadProfile* p = t_profile;
  if (p == nullptr) return;
  for (WarpSites& w : p->warps) flush_warp(p, w);
}

void profile_sync_warp(unsigned warp) {
  cool();
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
