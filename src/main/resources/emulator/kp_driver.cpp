// kp_driver.cpp — the emulator's runtime: fibers, the block scheduler, warp collectives, guarded buffers,
// error reports and main(). Compiled once per emulator version and linked into every kernel binary.
//
// Protocol with the Java side (dev.kernelplayground.emulator.EmulatedModule):
//   kernel --list
//   kernel --run NAME GX GY GZ BX BY BZ DYNAMIC_SMEM TIMEOUT_MS CPU_THREADS ARG...
//     ARG = buf:{in|out|inout}:{f32|i32|u16}:COUNT:PATH | int:VALUE | float:BITS (the float's bits in decimal)
//     Grid and block are within CUDA's limits already (the Java side's LaunchDims checks them).
// Buffers are read from PATH and out/inout buffers written back to it. One line on stderr tells the
// outcome: "@@KP-STATS\t..." (exit 0) or "@@KP-ERROR\tkind=...\t..." (exit 3), fields separated by tabs.
// The system headers it needs are included at the top of kp_cuda.h, before its macros.
#define KP_DRIVER 1
#include "kp_register.h"
#include <csetjmp>

#if !defined(__x86_64__) || !defined(__linux__)
#error "the Kernel Playground's CUDA emulator runs on x86-64 Linux"
#endif

// ---------------------------------------------------------------------------------------------------
// Fibers: a context switch saves the callee-saved registers on the old stack and pops them from the new.
// ---------------------------------------------------------------------------------------------------
extern "C" void kp_switch(void** save_sp, void* to_sp);
extern "C" void kp_fiber_entry();
asm(R"(
.text
.globl kp_switch
.type kp_switch,@function
kp_switch:
  pushq %rbp
  pushq %rbx
  pushq %r12
  pushq %r13
  pushq %r14
  pushq %r15
  movq %rsp, (%rdi)
  movq %rsi, %rsp
  popq %r15
  popq %r14
  popq %r13
  popq %r12
  popq %rbx
  popq %rbp
  ret
.size kp_switch, .-kp_switch
.globl kp_fiber_entry
.type kp_fiber_entry,@function
kp_fiber_entry:
  movq %r12, %rdi
  call *%r13
  ud2
.size kp_fiber_entry, .-kp_fiber_entry
)");

namespace kp {
enum FiberState { RUNNABLE = 0, AT_BARRIER = 1, AT_WARP = 2, DONE = 3 };

__thread Fiber* t_fiber;
__thread uint3 t_blockIdx;
__thread char* t_dynamicSmem;
__thread long long t_blockSerial;
dim3 g_blockDim;
dim3 g_gridDim;

struct Param {
  std::string name;
  std::string typeText;
  const ParamType* type;
};

struct KernelEntry {
  std::string name;
  std::vector<Param> params;
  void (*invoke)(void** argv);
};

static std::vector<KernelEntry>& registry() {
  static std::vector<KernelEntry> kernels;
  return kernels;
}

// A parameter's type as the kernel's signature writes it, e.g. "const float*".
static std::string type_text(const ParamType& t) {
  std::string text = t.isConst ? "const " : "";
  text += t.base != nullptr ? t.base : "a struct or other type";
  text.append(size_t(t.pointers), '*');
  return text;
}

void register_kernel(const char* name, const char* paramNames, int nParams, const ParamType* params,
                     void (*invoke)(void** argv)) {
  KernelEntry e;
  e.name = name;
  std::vector<std::string> names;
  std::string current;
  for (const char* c = paramNames;; c++) {
    if (*c == ',' || *c == 0) {
      names.push_back(current);
      current.clear();
      if (*c == 0) break;
    } else {
      current += *c;
    }
  }
  for (int i = 0; i < nParams; i++) {
    std::string n = size_t(i) < names.size() && !names[size_t(i)].empty() ? names[size_t(i)] : "#" + std::to_string(i + 1);
    e.params.push_back(Param{n, type_text(params[i]), &params[i]});
  }
  e.invoke = invoke;
  registry().push_back(e);
}

// Why a launch's argument cannot be a parameter of this type ("" when it can).
static std::string unfit_argument(const Param& p, const ArgSpec& s) {
  static const char* names[] = {"float[]", "int[]", "short[] (16-bit patterns)"};
  const ParamType& t = *p.type;
  switch (t.kind) {
    case PARAM_GPTR:
    case PARAM_POINTER:
      if (s.kind != ARG_BUFFER) return "is a pointer (" + p.typeText + ") but a scalar was passed";
      if (t.want >= 0 && t.want != s.buf->elemKind)
        return "is " + p.typeText + " but a Java " + names[s.buf->elemKind] + " was passed (it needs a " + names[t.want] +
               ")";
      return "";
    case PARAM_POINTER_TO_POINTER:
      return "is a pointer to a pointer (" + p.typeText + "), which the emulator cannot pass";
    case PARAM_INTEGER:
      if (s.kind != ARG_INT)
        return "is " + p.typeText + (s.kind == ARG_FLOAT ? " but a float was passed" : " but a buffer was passed");
      return "";
    case PARAM_FLOATING:
      if (s.kind != ARG_FLOAT)
        return "is " + p.typeText + (s.kind == ARG_INT ? " but an int was passed" : " but a buffer was passed");
      return "";
    default:
      return "has a type the playground cannot pass (only pointers, integers and floating-point scalars)";
  }
}
// ---------------------------------------------------------------------------------------------------
// The profiler's hooks (kp_profile.cpp, linked only into --profile builds; null here otherwise)
// ---------------------------------------------------------------------------------------------------
void profile_buffer(int arg, const char* data, size_t bytes) __attribute__((weak));
void profile_start(size_t dynamicSharedBytes) __attribute__((weak));
void profile_sync_block() __attribute__((weak));  // a barrier released the block's threads, or the block ended
void profile_sync_warp(unsigned warp) __attribute__((weak));  // a warp collective completed
void profile_yield() __attribute__((weak));  // the running thread hands the CPU on (a barrier, a collective, its end)
void profile_finish() __attribute__((weak));

// ---------------------------------------------------------------------------------------------------
// Workers: one CPU thread each, running whole blocks, one fiber per CUDA thread
// ---------------------------------------------------------------------------------------------------
struct WarpState {
  uint32_t arrived;
  uint32_t exists;
  uint32_t mask[32];
  int kind[32];
  int arg[32];
  int width[32];
  int line[32];
  uint64_t val[32];
  uint64_t res[32];
  uint32_t epoch;  // counts the warp's completed warp operations (the sanitizer's intra-warp order)
};

struct Worker {
  std::vector<Fiber> fibers;
  std::vector<WarpState> warps;
  std::vector<int> order;  // fibers in the order they run (the schedule)
  std::vector<int> rank;   // each fiber's position in that order
  char* stacks = nullptr;
  size_t stacksBytes = 0;
  void* schedSp = nullptr;
  int n = 0;
  int nRunnable = 0, nBarrier = 0, nWarp = 0, nDone = 0;
  int barrierLine = 0, otherLine = 0;
  int barrierFiber = -1, otherFiber = -1;
  bool barrierMismatch = false;
  int vote = 0;    // the last barrier's __syncthreads_count
  int voters = 0;  // and how many threads it released
  char* dynSmem = nullptr;
  char* dynRegion = nullptr;
  size_t dynRegionBytes = 0;
  pthread_t thread;
  std::atomic<bool> busy{false};
  long long phases = 0;
  uint3 block{0, 0, 0};
};

static const size_t kStackBytes = 256 * 1024;
static size_t g_page = 4096;
static std::vector<Buffer*> g_buffers;
static std::vector<Worker*> g_workers;
static const KernelEntry* g_kernel = nullptr;
static std::vector<void*> g_argv;
static std::atomic<int> g_failing{0};
static std::atomic<long long> g_nextBlock{0};
static long long g_blocks = 0;
static size_t g_dynamicSmem = 0;
static __thread Worker* t_worker = nullptr;

// ---------------------------------------------------------------------------------------------------
// Error reports
// ---------------------------------------------------------------------------------------------------
static void write_all(int fd, const char* s, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, s, n);
    if (w <= 0) return;
    s += w;
    n -= size_t(w);
  }
}

// Starts an error report; returns false when another thread is already reporting (it then waits to die).
// In a signal handler stdout is not flushed (the fault may have come from inside printf, holding its
// lock); it is line-buffered, so whole lines are already out.
static void program_abort_block(const char* kind = nullptr);  // whole programs (block at the end of this file)
static bool begin_failure(bool inSignalHandler = false) {
  if (g_failing.exchange(1) != 0) {
    program_abort_block();
    for (;;) pause();
  }
  if (!inSignalHandler) fflush(stdout);
  return true;
}

[[noreturn]] static void finish_failure(const char* kind, const char* fields, const void* pc, int line) {
  char text[4096];
  char where[256] = "";
  if (t_worker != nullptr && t_fiber != nullptr) {
    snprintf(where, sizeof where, "\tblock=%u,%u,%u\tthread=%u,%u,%u", t_blockIdx.x, t_blockIdx.y, t_blockIdx.z,
             t_fiber->tid.x, t_fiber->tid.y, t_fiber->tid.z);
  }
  int len = snprintf(text, sizeof text, "\n@@KP-ERROR\tkind=%s\tkernel=%s%s\tpc=%p\tline=%d\t%s\n", kind,
                     g_kernel ? g_kernel->name.c_str() : "?", where, pc, line, fields);
  if (len > 0) write_all(2, text, size_t(len) < sizeof text ? size_t(len) : sizeof text - 1);
  program_abort_block(kind);
  _exit(3);
}

[[noreturn]] static void fail(const char* kind, int line, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
[[noreturn]] static void fail(const char* kind, int line, const char* fmt, ...) {
  begin_failure();
  char detail[2048];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(detail, sizeof detail, fmt, ap);
  va_end(ap);
  for (char* c = detail; *c; c++)
    if (*c == '\t' || *c == '\n') *c = ' ';
  char fields[2100];
  snprintf(fields, sizeof fields, "detail=%s", detail);
  finish_failure(kind, fields, nullptr, line);
}

static Buffer* buffer_of_arg(int arg) {
  for (Buffer* b : g_buffers)
    if (b->arg == arg) return b;
  return nullptr;
}

static void program_describe_allocation(const void* at, char* out, size_t size);  // whole programs
void out_of_bounds(int arg, const void* at, size_t bytes, const char* lo, const char* hi) {
  const void* pc = __builtin_return_address(0);
  begin_failure();
  Buffer* b = buffer_of_arg(arg);
  long long offset = (long long)((const char*)at - lo);
  char fields[512];
  int n = snprintf(fields, sizeof fields, "arg=%d\toffset=%lld\taccess=%zu\tbytes=%lld\telem=%d\trw=access", arg, offset,
                   bytes, (long long)(hi - lo), b ? b->elemSize : int(bytes));
  program_describe_allocation(lo, fields + n, sizeof fields - size_t(n));
  finish_failure("OUT_OF_BOUNDS", fields, (const char*)pc - 1, 0);
}

void misaligned(int arg, const void* at, size_t bytes, size_t align, const char* lo) {
  const void* pc = __builtin_return_address(0);
  begin_failure();
  Buffer* b = buffer_of_arg(arg);
  char fields[512];
  snprintf(fields, sizeof fields, "arg=%d\toffset=%lld\taccess=%zu\talign=%zu\telem=%d", arg,
           (long long)((const char*)at - lo), bytes, align, b ? b->elemSize : 1);
  finish_failure("MISALIGNED", fields, (const char*)pc - 1, 0);
}

// ---------------------------------------------------------------------------------------------------
// Shared memory: names for reports, and indices past a __shared__ array's bounds
// ---------------------------------------------------------------------------------------------------
struct SharedName {
  const char* base;
  size_t bytes;
  const char* name;
  const char* type;
  size_t elem;
  int rank;
  size_t dims[8];
  void* (*where)();
};
static const int kMaxSharedNames = 64;
static __thread SharedName t_sharedNames[kMaxSharedNames];
static __thread int t_nSharedNames;
static std::vector<SharedName>& global_shared_names() {
  static std::vector<SharedName> names;
  return names;
}
static __thread const char* t_dynName;
static __thread const char* t_dynType;
static __thread size_t t_dynElem;
struct PendingOob {
  const void* row;
  long long index;
  size_t bound;
  size_t rowBytes;
  bool set;
};
static __thread PendingOob t_oob;
static char* g_oobPage = nullptr;

static SharedName make_shared_name(const char* base, size_t bytes, const char* name, const char* type, size_t elem,
                                   int rank, const size_t* dims) {
  SharedName s{};
  s.base = base;
  s.bytes = bytes;
  s.name = name;
  s.type = type;
  s.elem = elem;
  s.rank = rank < 8 ? rank : 8;
  for (int i = 0; i < s.rank; i++) s.dims[i] = dims[i];
  return s;
}

void name_shared(const void* base, size_t bytes, const char* name, const char* type, size_t elem, int rank,
                 const size_t* dims) {
  if (t_nSharedNames < kMaxSharedNames)
    t_sharedNames[t_nSharedNames++] =
        make_shared_name(static_cast<const char*>(base), bytes, name, type, elem, rank, dims);
}

void name_shared_global(void* (*where)(), size_t bytes, const char* name, const char* type, size_t elem, int rank,
                        const size_t* dims) {
  SharedName s = make_shared_name(nullptr, bytes, name, type, elem, rank, dims);
  s.where = where;
  global_shared_names().push_back(s);
}

// The first `extern __shared__` declaration a CPU thread meets in a launch also names the launch's dynamic shared
// memory for the sanitizer (a shared array of g_dynamicSmem bytes); another name for the same bytes (another
// element type) only renames it for out-of-bounds reports.
static __thread int t_dynArray = -1;
static void forget_cells(int array);

void name_dynamic_smem(const char* name, const char* type, size_t elem) {
  SharedName* d = t_dynArray >= 0 ? &t_sharedNames[t_dynArray] : nullptr;
  bool current = d != nullptr && d->base == t_dynamicSmem && d->bytes == g_dynamicSmem;
  if (current && t_dynName == name) return;
  t_dynName = name;
  t_dynType = type;
  t_dynElem = elem;
  if (current) return;
  size_t dims[1] = {g_dynamicSmem / elem};
  SharedName named = make_shared_name(t_dynamicSmem, g_dynamicSmem, name, type, elem, 1, dims);
  if (d != nullptr) {
    forget_cells(t_dynArray);  // a new launch: other bytes, maybe another element size
    *d = named;
  } else if (t_nSharedNames < kMaxSharedNames) {
    t_dynArray = t_nSharedNames;
    t_sharedNames[t_nSharedNames++] = named;
  }
}

void* shared_out_of_bounds(const void* row, long long index, size_t bound, size_t rowBytes) {
  if (g_oobPage == nullptr) {
    void* page = mmap(nullptr, g_page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    g_oobPage = static_cast<char*>(page);  // (two CPU threads racing here each map one: harmless)
  }
  t_oob = PendingOob{row, index, bound, rowBytes, true};
  return g_oobPage;
}

static const SharedName* shared_name_of(const char* addr) {
  for (int i = 0; i < t_nSharedNames; i++) {
    const SharedName& s = t_sharedNames[i];
    if (addr >= s.base && addr < s.base + s.bytes) return &s;
  }
  static __thread SharedName found;
  for (const SharedName& g : global_shared_names()) {
    const char* base = static_cast<const char*>(g.where());
    if (addr >= base && addr < base + g.bytes) {
      found = g;
      found.base = base;
      return &found;
    }
  }
  return nullptr;
}

// The report of an index past a static __shared__ array (the access faulted on the page given back above).
[[noreturn]] static void report_shared_oob(const void* pc, bool write) {
  char fields[1024];
  const char* row = static_cast<const char*>(t_oob.row);
  const SharedName* s = shared_name_of(row);
  char access[256];
  char shape[256];
  if (s == nullptr) {
    snprintf(access, sizeof access, "[%lld]", t_oob.index);
    snprintf(fields, sizeof fields, "rw=%s	name=	access=%s	bound=%zu	rank=1	type=	index=%lld", write ? "write" : "read",
             access, t_oob.bound, t_oob.index);
    finish_failure("SHARED_OUT_OF_BOUNDS", fields, pc, 0);
  }
  // Which dimension failed: the one whose rows are rowBytes long; the indices before it follow from the
  // row's offset in the array.
  int level = 0;
  size_t below[9];
  below[s->rank] = s->elem;
  for (int k = s->rank - 1; k >= 0; k--) below[k] = below[k + 1] * s->dims[k];
  for (int k = 0; k < s->rank; k++)
    if (below[k] == t_oob.rowBytes) {
      level = k;
      break;
    }
  size_t offset = size_t(row - s->base);
  int n = snprintf(access, sizeof access, "%s", s->name);
  for (int k = 0; k < level && n < 200; k++) n += snprintf(access + n, sizeof access - n, "[%zu]", (offset / below[k + 1]) % s->dims[k]);
  n += snprintf(access + n, sizeof access - n, "[%lld]", t_oob.index);
  for (int k = level + 1; k < s->rank && n < 200; k++) n += snprintf(access + n, sizeof access - n, "[...]");
  int m = snprintf(shape, sizeof shape, "%s", s->type);
  for (int k = 0; k < s->rank && m < 200; k++) m += snprintf(shape + m, sizeof shape - m, "[%zu]", s->dims[k]);
  snprintf(fields, sizeof fields, "rw=%s	name=%s	access=%s	bound=%zu	rank=%d	type=%s	shape=%s	index=%lld",
           write ? "write" : "read", s->name, access, t_oob.bound, s->rank, s->type, shape, t_oob.index);
  finish_failure("SHARED_OUT_OF_BOUNDS", fields, pc, 0);
}

// ---------------------------------------------------------------------------------------------------
// The shared-memory sanitizer: a shadow cell per element of every named __shared__ array, per CPU thread.
// A cell remembers the last write and up to two readers of the current barrier interval (t_interval, which
// every released __syncthreads() and every new block advance), each with the thread, the warp's epoch
// (completed warp operations, so lanes ordered by __syncwarp() or a warp collective are not a hazard) and
// the code address (for the line). Cells of older intervals count as empty, so nothing is cleared.
// ---------------------------------------------------------------------------------------------------
bool g_sanitize = true;
static __thread uint32_t t_interval = 1;  // the running block's barrier interval, never reused

struct ShadowCell {
  uint32_t wIv, rIv;
  int32_t writer, r1, r2;
  uint32_t wWarp, r1Warp, r2Warp;
  const void* wPc;
  const void* r1Pc;
  const void* r2Pc;
  long long wBlock;
};
static __thread ShadowCell* t_cells[kMaxSharedNames];
static __thread int t_lastShared = -1;

static void forget_cells(int array) {
  free(t_cells[array]);
  t_cells[array] = nullptr;
}

// The named array that holds addr (file-scope arrays are looked up once per CPU thread), or -1.
static int shared_index_of(const char* addr) {
  int last = t_lastShared;
  if (last >= 0 && addr >= t_sharedNames[last].base && addr < t_sharedNames[last].base + t_sharedNames[last].bytes)
    return last;
  for (int i = 0; i < t_nSharedNames; i++) {
    const SharedName& s = t_sharedNames[i];
    if (addr >= s.base && addr < s.base + s.bytes) return t_lastShared = i;
  }
  for (const SharedName& g : global_shared_names()) {
    const char* base = static_cast<const char*>(g.where());
    if (addr >= base && addr < base + g.bytes && t_nSharedNames < kMaxSharedNames) {
      t_sharedNames[t_nSharedNames] = g;
      t_sharedNames[t_nSharedNames].base = base;
      return t_lastShared = t_nSharedNames++;
    }
  }
  return -1;
}

static ShadowCell* cell_of(const char* addr, int* array) {
  int i = shared_index_of(addr);
  *array = i;
  if (i < 0) return nullptr;
  const SharedName& s = t_sharedNames[i];
  if (t_cells[i] == nullptr) {
    size_t n = s.bytes / (s.elem ? s.elem : 1) + 1;
    t_cells[i] = static_cast<ShadowCell*>(calloc(n, sizeof(ShadowCell)));
  }
  return &t_cells[i][size_t(addr - s.base) / (s.elem ? s.elem : 1)];
}

// Whether an access by `other` (with its warp's epoch then) and one by the running thread may race.
static inline bool unordered(int32_t other, uint32_t otherWarp) {
  unsigned me = t_fiber->linear;
  if (other < 0 || unsigned(other) == me) return false;
  if ((unsigned(other) >> 5) == (me >> 5) && t_worker->warps[me >> 5].epoch != otherWarp) return false;
  return true;
}

static void element_name(const SharedName& s, const char* addr, char* out, size_t size) {
  size_t offset = size_t(addr - s.base);
  size_t below[9];
  below[s.rank] = s.elem;
  for (int k = s.rank - 1; k >= 0; k--) below[k] = below[k + 1] * s.dims[k];
  int n = snprintf(out, size, "%s", s.name);
  for (int k = 0; k < s.rank && n < int(size) - 24; k++)
    n += snprintf(out + n, size - n, "[%zu]", (offset / below[k + 1]) % s.dims[k]);
}

[[noreturn]] static void report_hazard(const char* hazard, const char* addr, int array, int32_t other,
                                       const void* otherPc, const void* pc) {
  const SharedName& s = t_sharedNames[array];
  char element[256];
  element_name(s, addr, element, sizeof element);
  unsigned bx = g_blockDim.x, by = g_blockDim.y;
  unsigned o = unsigned(other);
  bool sameWarp = (o >> 5) == (t_fiber->linear >> 5);
  char fields[1024];
  snprintf(fields, sizeof fields, "hazard=%s\tname=%s\taccess=%s\tother=%u,%u,%u\tpc2=%p\twarp=%d", hazard, s.name,
           element, o % bx, (o / bx) % by, o / bx / by, (const char*)otherPc - 1, sameWarp ? 1 : 0);
  finish_failure("SHARED_RACE", fields, (const char*)pc - 1, 0);
}

// What shared_read and shared_write begin with: the byte accessed, the access's return address, and the shadow
// cell of that byte (nullptr outside the named shared arrays) with its array; `hazard` (RAW or WAW) is reported
// when a thread not ordered with this one wrote the byte in the current barrier interval.
struct SharedAccess {
  const char* addr;
  const void* pc;
  int array;
  ShadowCell* c;
};
static SharedAccess checked_access(const void* at, const void* pc, const char* hazard) {
  SharedAccess a{static_cast<const char*>(at), pc, -1, nullptr};
  a.c = cell_of(a.addr, &a.array);
  if (a.c != nullptr && a.c->wIv == t_interval && unordered(a.c->writer, a.c->wWarp)) {
    report_hazard(hazard, a.addr, a.array, a.c->writer, a.c->wPc, pc);
  }
  return a;
}

void shared_read(const void* at) {
  auto [addr, pc, array, c] = checked_access(at, __builtin_return_address(0), "RAW");
  if (c == nullptr) return;
  uint32_t iv = t_interval;
  if (c->wBlock != t_blockSerial) {
    const SharedName& s = t_sharedNames[array];
    bool poison = true;
    for (size_t b = 0; b < s.elem; b++) poison &= (unsigned char)addr[b] == 0xff;
    if (poison) {
      char element[256];
      element_name(s, addr, element, sizeof element);
      char fields[512];
      snprintf(fields, sizeof fields, "name=%s\taccess=%s\ttype=%s", s.name, element, s.type);
      finish_failure("SHARED_UNINITIALIZED", fields, (const char*)pc - 1, 0);
    }
  }
  int32_t me = int32_t(t_fiber->linear);
  uint32_t we = t_worker->warps[unsigned(me) >> 5].epoch;
  if (c->rIv != iv) {
    c->rIv = iv;
    c->r1 = me, c->r1Warp = we, c->r1Pc = pc;
    c->r2 = -1;
  } else if (c->r1 == me) {
    c->r1Warp = we, c->r1Pc = pc;
  } else if (c->r2 == -1 || c->r2 == me) {
    c->r2 = me, c->r2Warp = we, c->r2Pc = pc;
  }
}

void shared_write(const void* at) {
  auto [addr, pc, array, c] = checked_access(at, __builtin_return_address(0), "WAW");
  if (c == nullptr) return;
  uint32_t iv = t_interval;
  if (c->rIv == iv) {
    if (unordered(c->r1, c->r1Warp)) report_hazard("WAR", addr, array, c->r1, c->r1Pc, pc);
    if (unordered(c->r2, c->r2Warp)) report_hazard("WAR", addr, array, c->r2, c->r2Pc, pc);
  }
  int32_t me = int32_t(t_fiber->linear);
  c->wIv = iv;
  c->writer = me;
  c->wWarp = t_worker->warps[unsigned(me) >> 5].epoch;
  c->wPc = pc;
  c->wBlock = t_blockSerial;
}

void trap(const char* what, int line) {
  begin_failure();
  char fields[512];
  snprintf(fields, sizeof fields, "detail=%s", what);
  finish_failure("TRAP", fields, nullptr, line);
}

static void on_fault(int sig, siginfo_t* si, void* context) {
  begin_failure(true);
  ucontext_t* uc = static_cast<ucontext_t*>(context);
  const void* pc = reinterpret_cast<const void*>(uc->uc_mcontext.gregs[REG_RIP]);
  bool write = (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
  const char* addr = static_cast<const char*>(si->si_addr);
  char fields[512];
  if (sig == SIGSEGV || sig == SIGBUS) {
    if (g_oobPage != nullptr && addr >= g_oobPage && addr < g_oobPage + g_page && t_oob.set) {
      report_shared_oob(pc, write);
    }
    for (Worker* w : g_workers) {
      if (w->dynSmem == nullptr) continue;
      if (addr >= w->dynRegion && addr < w->dynRegion + w->dynRegionBytes) {
        long long offset = (long long)(addr - w->dynSmem);
        size_t elem = t_dynElem > 0 ? t_dynElem : 1;
        snprintf(fields, sizeof fields, "rw=%s	name=%s	type=%s	elem=%zu	offset=%lld	bytes=%zu",
                 write ? "write" : "read", t_dynName ? t_dynName : "", t_dynType ? t_dynType : "", elem, offset,
                 g_dynamicSmem);
        finish_failure("DYNAMIC_SHARED_OUT_OF_BOUNDS", fields, pc, 0);
      }
    }
    for (Buffer* b : g_buffers) {
      if (addr >= b->region && addr < b->region + b->regionBytes) {
        int n = snprintf(fields, sizeof fields, "arg=%d\toffset=%lld\taccess=0\tbytes=%zu\telem=%d\trw=%s", b->arg,
                         (long long)(addr - b->data), b->bytes, b->elemSize, write ? "write" : "read");
        program_describe_allocation(b->data, fields + n, sizeof fields - size_t(n));
        finish_failure(addr >= b->data && addr < b->data + b->bytes ? "READ_ONLY" : "OUT_OF_BOUNDS", fields, pc, 0);
      }
    }
    for (Worker* w : g_workers) {
      if (w->stacks == nullptr) continue;
      size_t stride = kStackBytes + g_page;
      if (addr >= w->stacks && addr < w->stacks + w->stacksBytes && size_t(addr - w->stacks) % stride < g_page) {
        snprintf(fields, sizeof fields,
                 "detail=a thread used more than its %zu KiB stack (large local arrays, or deep recursion)",
                 kStackBytes / 1024);
        finish_failure("CRASH", fields, pc, 0);
      }
    }
    int n = snprintf(fields, sizeof fields, "address=%p\trw=%s", si->si_addr, write ? "write" : "read");
    program_describe_allocation(addr, fields + n, sizeof fields - size_t(n));
    finish_failure("BAD_ADDRESS", fields, pc, 0);
  }
  const char* what = sig == SIGFPE    ? "an arithmetic fault (integer division by zero?)"
                     : sig == SIGILL  ? "an illegal instruction"
                     : sig == SIGABRT ? "abort() (a failed assert from <assert.h>?)"
                                      : "a signal";
  snprintf(fields, sizeof fields, "detail=the kernel stopped with %s", what);
  finish_failure("CRASH", fields, pc, 0);
}

static void on_timeout_signal(int, siginfo_t*, void* context) {
  begin_failure(true);
  ucontext_t* uc = static_cast<ucontext_t*>(context);
  const void* pc = reinterpret_cast<const void*>(uc->uc_mcontext.gregs[REG_RIP]);
  finish_failure("TIMEOUT", "detail=", pc, 0);
}

static void install_handlers() {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) sigaction(sig, &sa, nullptr);
  sa.sa_sigaction = on_timeout_signal;
  sigaction(SIGUSR2, &sa, nullptr);
}

static void use_alternate_signal_stack() {
  stack_t ss;
  ss.ss_size = 256 * 1024;
  ss.ss_sp = malloc(ss.ss_size);
  ss.ss_flags = 0;
  sigaltstack(&ss, nullptr);
}

// ---------------------------------------------------------------------------------------------------
// Barriers and warp collectives, called on a fiber
// ---------------------------------------------------------------------------------------------------
// A fiber that blocks (or ends) hands the CPU straight to the next runnable fiber of its block, in
// thread order, and to the scheduler only when none is left: one context switch per thread-phase.
static inline void yield_to_scheduler(Worker* w, Fiber* f) {
  if (profile_yield) profile_yield();
  Fiber* fibers = w->fibers.data();
  const int* order = w->order.data();
  for (int p = w->rank[f->linear] + 1; p < w->n; p++) {
    int j = order[p];
    if (fibers[j].state == RUNNABLE) {
      t_fiber = &fibers[j];
      w->phases++;
      kp_switch(&f->sp, fibers[j].sp);
      return;
    }
  }
  kp_switch(&f->sp, w->schedSp);
}

static void arrive_at_barrier(Worker* w, Fiber* f, int line) {
  f->state = AT_BARRIER;
  f->line = line;
  w->nRunnable--;
  if (w->nBarrier++ == 0) {
    w->barrierLine = line;
    w->barrierFiber = int(f->linear);
  } else if (line != w->barrierLine && !w->barrierMismatch) {
    w->barrierMismatch = true;
    w->otherLine = line;
    w->otherFiber = int(f->linear);
  }
  yield_to_scheduler(w, f);
}

void syncthreads(int line) {
  Worker* w = t_worker;
  arrive_at_barrier(w, t_fiber, line);
}

int syncthreads_vote(int line, int predicate, int how) {
  Worker* w = t_worker;
  Fiber* f = t_fiber;
  f->vote = predicate != 0;
  arrive_at_barrier(w, f, line);
  int count = w->vote;
  return how == 0 ? count : how == 1 ? (count == w->voters) : (count > 0);
}

unsigned active_mask() {
  Worker* w = t_worker;
  unsigned warp = t_fiber->linear >> 5;
  unsigned mask = 0;
  for (unsigned l = 0; l < 32; l++) {
    unsigned i = warp * 32 + l;
    if (int(i) < w->n && w->fibers[i].state != DONE) mask |= 1u << l;
  }
  return mask;
}

static const char* collective_name(int kind) {
  static const char* names[] = {"__shfl_sync", "__shfl_up_sync", "__shfl_down_sync", "__shfl_xor_sync",
                                "__ballot_sync", "__any_sync", "__all_sync", "__syncwarp", "__reduce_add_sync",
                                "__reduce_min_sync", "__reduce_max_sync", "__reduce_and_sync", "__reduce_or_sync",
                                "__reduce_xor_sync", "__match_any_sync"};
  return names[kind];
}

static void complete_collective(WarpState& ws, unsigned m) {
  ws.epoch++;
  unsigned first = __builtin_ctz(m);
  int kind = ws.kind[first];
  if (kind == BALLOT || kind == ANY || kind == ALL) {
    unsigned ballot = 0;
    for (unsigned l = 0; l < 32; l++)
      if ((m >> l & 1) && ws.val[l]) ballot |= 1u << l;
    uint64_t r = kind == BALLOT ? ballot : kind == ANY ? (ballot != 0) : (ballot == m);
    for (unsigned l = 0; l < 32; l++)
      if (m >> l & 1) ws.res[l] = r;
    return;
  }
  if (kind >= REDUCE_ADD && kind <= REDUCE_XOR) {
    bool isSigned = ws.arg[first] != 0;
    int64_t acc = 0;
    bool started = false;
    for (unsigned l = 0; l < 32; l++) {
      if (!(m >> l & 1)) continue;
      int64_t v = isSigned ? int64_t(int32_t(ws.val[l])) : int64_t(uint32_t(ws.val[l]));
      if (!started) {
        acc = v;
        started = true;
        continue;
      }
      switch (kind) {
        case REDUCE_ADD: acc += v; break;
        case REDUCE_MIN: acc = v < acc ? v : acc; break;
        case REDUCE_MAX: acc = v > acc ? v : acc; break;
        case REDUCE_AND: acc &= v; break;
        case REDUCE_OR: acc |= v; break;
        default: acc ^= v; break;
      }
    }
    for (unsigned l = 0; l < 32; l++)
      if (m >> l & 1) ws.res[l] = uint64_t(uint32_t(acc));
    return;
  }
  if (kind == MATCH_ANY) {
    for (unsigned l = 0; l < 32; l++) {
      if (!(m >> l & 1)) continue;
      unsigned same = 0;
      for (unsigned o = 0; o < 32; o++)
        if ((m >> o & 1) && ws.val[o] == ws.val[l]) same |= 1u << o;
      ws.res[l] = same;
    }
    return;
  }
  if (kind == SYNCWARP) return;
  for (unsigned l = 0; l < 32; l++) {
    if (!(m >> l & 1)) continue;
    int width = ws.width[l];
    int arg = ws.arg[l];
    int seg = int(l) & ~(width - 1);
    int src = int(l);
    switch (kind) {
      case SHFL_IDX: src = seg + (arg & (width - 1)); break;
      case SHFL_UP: src = (int(l) - seg) >= arg ? int(l) - arg : int(l); break;
      case SHFL_DOWN: src = (int(l) - seg) + arg < width ? int(l) + arg : int(l); break;
      case SHFL_XOR: {
        int s = int(l) ^ arg;
        src = (s < 32 && (s & ~(width - 1)) <= seg) ? s : int(l);
        break;
      }
    }
    ws.res[l] = (m >> src & 1) ? ws.val[src] : ws.val[l];
  }
}

uint64_t warp_collective(Collective kind, unsigned mask, uint64_t value, int arg, int width, int line) {
  Worker* w = t_worker;
  Fiber* f = t_fiber;
  unsigned lane = f->linear & 31;
  WarpState& ws = w->warps[f->linear >> 5];
  if (width <= 0 || width > 32 || (width & (width - 1)) != 0) {
    fail("UNSUPPORTED", line, "%s: width %d is not a power of two from 1 to 32", collective_name(kind), width);
  }
  unsigned m = mask & ws.exists;
  if (!(m >> lane & 1)) {
    fail("WARP_MASK", line,
         "lane %u called %s with mask 0x%08x, which does not include the lane itself (lanes must name "
         "themselves in the mask)",
         lane, collective_name(kind), mask);
  }
  ws.mask[lane] = mask;
  ws.kind[lane] = kind;
  ws.arg[lane] = arg;
  ws.width[lane] = width;
  ws.line[lane] = line;
  ws.val[lane] = value;
  ws.arrived |= 1u << lane;
  if ((ws.arrived & m) == m) {
    for (unsigned l = 0; l < 32; l++) {
      if (!(m >> l & 1)) continue;
      if (ws.kind[l] != kind || ws.mask[l] != mask) {
        fail("DIVERGENT_WARP", line,
             "lanes of one warp met in different warp operations: lane %u in %s (mask 0x%08x) at line %d, lane %u "
             "in %s (mask 0x%08x) at line %d",
             lane, collective_name(kind), mask, line, l, collective_name(ws.kind[l]), ws.mask[l], ws.line[l]);
      }
    }
    complete_collective(ws, m);
    if (profile_sync_warp) profile_sync_warp(f->linear >> 5);
    ws.arrived &= ~m;
    unsigned base = (f->linear >> 5) * 32;
    for (unsigned l = 0; l < 32; l++) {
      if (l == lane || !(m >> l & 1)) continue;
      Fiber& other = w->fibers[base + l];
      other.state = RUNNABLE;
      w->nWarp--;
      w->nRunnable++;
    }
    return ws.res[lane];
  }
  f->state = AT_WARP;
  w->nRunnable--;
  w->nWarp++;
  yield_to_scheduler(w, f);
  return ws.res[lane];
}

// ---------------------------------------------------------------------------------------------------
// Running blocks
// ---------------------------------------------------------------------------------------------------
static void fiber_body(Fiber* f) {
  Worker* w = t_worker;
  g_kernel->invoke(g_argv.data());
  f->state = DONE;
  w->nRunnable--;
  w->nDone++;
  yield_to_scheduler(w, f);
  __builtin_unreachable();
}

static void prepare_worker(Worker* w, int n, bool guardStacks = true) {
  w->n = n;
  w->fibers.assign(size_t(n), Fiber{});
  w->warps.assign(size_t((n + 31) / 32), WarpState{});
  for (size_t i = 0; i < w->warps.size(); i++) {
    int lanes = n - int(i) * 32;
    w->warps[i].exists = lanes >= 32 ? 0xffffffffu : ((1u << lanes) - 1);
  }
  size_t stride = kStackBytes + g_page;
  w->stacksBytes = stride * size_t(n);
  void* mem = mmap(nullptr, w->stacksBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (mem == MAP_FAILED) fail("CRASH", 0, "could not reserve fiber stacks (%zu bytes)", w->stacksBytes);
  w->stacks = static_cast<char*>(mem);
  for (int i = 0; i < n; i++) {
    if (guardStacks) mprotect(w->stacks + stride * size_t(i), g_page, PROT_NONE);
    w->fibers[size_t(i)].stackLow = w->stacks + stride * size_t(i) + g_page;
  }
  if (g_dynamicSmem > 0) {
    // Dynamic shared memory ends exactly at a guard page (and starts a few bytes after one): an index past
    // it, even through a cast pointer at an offset, faults and is reported as a shared-memory overrun.
    size_t rounded = (g_dynamicSmem + 7) / 8 * 8;
    size_t pages = (rounded + g_page - 1) / g_page;
    w->dynRegionBytes = (pages + 2) * g_page;
    void* region = mmap(nullptr, w->dynRegionBytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (region == MAP_FAILED) fail("CRASH", 0, "could not map dynamic shared memory (%zu bytes)", g_dynamicSmem);
    w->dynRegion = static_cast<char*>(region);
    mprotect(w->dynRegion + g_page, pages * g_page, PROT_READ | PROT_WRITE);
    w->dynSmem = w->dynRegion + g_page + pages * g_page - rounded;
  }
}

// The order in which the threads of a block run between barriers and warp operations
// (KP_EMULATOR_SCHEDULE): forward (thread order), reverse, or random:SEED (a fresh permutation per block,
// drawn from the seed and the block's index, so a run replays whatever CPU thread runs the block).
static int g_schedule = 0;  // 0 forward, 1 reverse, 2 random
static unsigned long long g_scheduleSeed = 0;

static void read_schedule() {
  const char* s = getenv("KP_EMULATOR_SCHEDULE");
  if (s == nullptr || *s == 0 || strcmp(s, "forward") == 0) return;
  if (strcmp(s, "reverse") == 0) {
    g_schedule = 1;
  } else if (strncmp(s, "random", 6) == 0) {
    g_schedule = 2;
    g_scheduleSeed = s[6] == ':' ? strtoull(s + 7, nullptr, 10) : 0;
  }
}

static void order_threads(Worker* w, long long linearBlock) {
  int n = w->n;
  if (int(w->order.size()) != n || g_schedule != 0) {
    w->order.resize(size_t(n));
    w->rank.resize(size_t(n));
    for (int i = 0; i < n; i++) w->order[size_t(i)] = g_schedule == 1 ? n - 1 - i : i;
    if (g_schedule == 2) {
      unsigned long long x = g_scheduleSeed * 0x9E3779B97F4A7C15ull + (unsigned long long)linearBlock + 1;
      for (int i = n - 1; i > 0; i--) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        int j = int(x % (unsigned long long)(i + 1));
        std::swap(w->order[size_t(i)], w->order[size_t(j)]);
      }
    }
    for (int p = 0; p < n; p++) w->rank[size_t(w->order[size_t(p)])] = p;
  }
}

static void run_block(Worker* w, long long linearBlock) {
  unsigned gx = g_gridDim.x, gy = g_gridDim.y;
  w->block = uint3{unsigned(linearBlock % gx), unsigned((linearBlock / gx) % gy), unsigned(linearBlock / gx / gy)};
  t_blockIdx = w->block;
  t_dynamicSmem = w->dynSmem;
  t_blockSerial++;
  t_interval++;
  if (w->dynSmem) memset(w->dynSmem, 0xff, g_dynamicSmem);  // NaN: reading before writing shows
  // File-scope __shared__ variables (this CPU thread's copies): filled and shown to the profiler at every
  // block's start, as the first thread of a block does for a kernel's own (poison_shared).
  for (const SharedName& g : global_shared_names()) {
    void* base = g.where();
    memset(base, 0xff, g.bytes);
    if (profile_shared) profile_shared(base, g.bytes);
  }
  int n = w->n;
  unsigned bx = g_blockDim.x, by = g_blockDim.y;
  for (int i = 0; i < n; i++) {
    Fiber& f = w->fibers[size_t(i)];
    f.linear = unsigned(i);
    f.tid = uint3{unsigned(i) % bx, (unsigned(i) / bx) % by, unsigned(i) / bx / by};
    f.state = RUNNABLE;
    // Stacks lie a whole number of pages apart; their tops are staggered so that the fibers' hot frames
    // fall into different L1 cache sets instead of all into one.
    uintptr_t top = (reinterpret_cast<uintptr_t>(f.stackLow) + kStackBytes - (uintptr_t(i) % 16) * 256) & ~uintptr_t(15);
    void** sp = reinterpret_cast<void**>(top - 16 - 56);
    sp[0] = nullptr;                                      // r15
    sp[1] = nullptr;                                      // r14
    sp[2] = reinterpret_cast<void*>(&fiber_body);         // r13
    sp[3] = &f;                                           // r12
    sp[4] = nullptr;                                      // rbx
    sp[5] = nullptr;                                      // rbp
    sp[6] = reinterpret_cast<void*>(&kp_fiber_entry);     // return address
    f.sp = sp;
  }
  for (WarpState& ws : w->warps) ws.arrived = 0;
  w->nRunnable = n;
  w->nBarrier = w->nWarp = w->nDone = 0;
  w->barrierMismatch = false;
  Fiber* fibers = w->fibers.data();
  order_threads(w, linearBlock);
  for (;;) {
    for (int p = 0; p < n; p++) {
      Fiber* f = &fibers[w->order[size_t(p)]];
      if (f->state == RUNNABLE) {
        t_fiber = f;
        w->phases++;
        kp_switch(&w->schedSp, f->sp);
      }
    }
    if (w->nDone == n) {
      if (profile_sync_block) profile_sync_block();
      break;
    }
    if (w->nRunnable > 0) continue;
    if (w->nWarp == 0) {
      // Threads that returned do not hold a barrier up: since Volta, __syncthreads() waits for "all
      // non-exited threads in the block" (CUDA Programming Guide), so `if (i >= n) return;` before a
      // barrier is fine on sm_89.
      if (w->barrierMismatch) {
        Fiber& a = fibers[w->barrierFiber];
        Fiber& o = fibers[w->otherFiber];
        t_fiber = &a;
        fail("DIVERGENT_BARRIER", w->barrierLine,
             "threads of one block wait at different __syncthreads(): thread (%u,%u,%u) at line %d, thread "
             "(%u,%u,%u) at line %d. A __syncthreads() inside a branch must be reached by every thread of the "
             "block",
             a.tid.x, a.tid.y, a.tid.z, w->barrierLine, o.tid.x, o.tid.y, o.tid.z, w->otherLine);
      }
      int votes = 0, released = 0;
      for (int i = 0; i < n; i++) {
        if (fibers[i].state != AT_BARRIER) continue;
        votes += fibers[i].vote;
        fibers[i].vote = 0;
        fibers[i].state = RUNNABLE;
        released++;
      }
      w->vote = votes;
      w->voters = released;
      w->nRunnable = released;
      w->nBarrier = 0;
      t_interval++;
      if (profile_sync_block) profile_sync_block();
      continue;
    }
    // Some lanes wait in a warp operation for lanes that returned or wait at a barrier.
    for (int i = 0; i < n; i++) {
      if (fibers[i].state != AT_WARP) continue;
      Fiber& f = fibers[i];
      WarpState& ws = w->warps[f.linear >> 5];
      unsigned lane = f.linear & 31;
      unsigned m = ws.mask[lane] & ws.exists;
      unsigned missing = m & ~ws.arrived;
      unsigned ml = __builtin_ctz(missing);
      Fiber& other = fibers[(f.linear >> 5) * 32 + ml];
      t_fiber = &f;
      fail("DIVERGENT_WARP", ws.line[lane],
           "%s at line %d waits for lane %u of its warp (mask 0x%08x), which %s; every lane named in the mask must "
           "reach the same warp operation",
           collective_name(ws.kind[lane]), ws.line[lane], ml, ws.mask[lane],
           other.state == DONE ? "had already returned" : "waits at a __syncthreads() instead");
    }
    fail("CRASH", 0, "the block's threads are stuck (emulator scheduler)");
  }
}

static void worker_main(Worker* w) {
  t_worker = w;
  use_alternate_signal_stack();
  for (;;) {
    long long b = g_nextBlock.fetch_add(1);
    if (b >= g_blocks) break;
    w->busy = true;
    run_block(w, b);
    w->busy = false;
  }
  t_fiber = nullptr;
}

// ---------------------------------------------------------------------------------------------------
// Buffers
// ---------------------------------------------------------------------------------------------------
static Buffer* load_buffer(int arg, int dir, int elemKind, size_t count, const std::string& path) {
  Buffer* b = new Buffer();
  b->arg = arg;
  b->dir = dir;
  b->elemKind = elemKind;
  b->elemSize = elemKind == U16 ? 2 : 4;
  b->bytes = count * size_t(b->elemSize);
  b->path = path;
  size_t pages = (b->bytes + g_page - 1) / g_page;
  b->regionBytes = (pages + 2) * g_page;
  void* mem = mmap(nullptr, b->regionBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) fail("CRASH", 0, "could not map %zu bytes for argument %d", b->regionBytes, arg + 1);
  b->region = static_cast<char*>(mem);
  b->lowGuardEnd = b->region + g_page;
  b->highGuard = b->region + g_page + pages * g_page;
  b->data = b->highGuard - b->bytes;  // the first byte past the end is in the guard page
  mprotect(b->region, g_page, PROT_NONE);
  mprotect(b->highGuard, g_page, PROT_NONE);
  int fd = open(path.c_str(), O_RDONLY);
  if (fd < 0) fail("CRASH", 0, "cannot open %s", path.c_str());
  size_t done = 0;
  while (done < b->bytes) {
    ssize_t r = read(fd, b->data + done, b->bytes - done);
    if (r <= 0) fail("CRASH", 0, "%s holds fewer than %zu bytes", path.c_str(), b->bytes);
    done += size_t(r);
  }
  close(fd);
  if (dir == IN && pages > 0) mprotect(b->lowGuardEnd, pages * g_page, PROT_READ);
  return b;
}

static void store_buffer(const Buffer* b) {
  int fd = open(b->path.c_str(), O_WRONLY | O_TRUNC);
  if (fd < 0) fail("CRASH", 0, "cannot write %s", b->path.c_str());
  write_all(fd, b->data, b->bytes);
  close(fd);
}

static long long parse_number(const char* s, const char* what) {
  char* end;
  long long v = strtoll(s, &end, 10);
  if (*s == 0 || *end != 0) fail("BAD_LAUNCH", 0, "%s: '%s' is not a number", what, s);
  return v;
}

static int run_main(int argc, char** argv) {
  setvbuf(stdout, nullptr, _IOLBF, 0);
  g_page = size_t(sysconf(_SC_PAGESIZE));
  read_schedule();
  {
    const char* z = getenv("KP_EMULATOR_SANITIZE");
    g_sanitize = !(z != nullptr && strcmp(z, "0") == 0);
  }
  if (argc >= 2 && strcmp(argv[1], "--list") == 0) {
    for (const KernelEntry& k : registry()) {
      printf("%s(", k.name.c_str());
      for (size_t i = 0; i < k.params.size(); i++)
        printf("%s%s %s", i ? ", " : "", k.params[i].typeText.c_str(), k.params[i].name.c_str());
      printf(")\n");
    }
    return 0;
  }
  if (argc < 12 || strcmp(argv[1], "--run") != 0) {
    fprintf(stderr, "usage: %s --list | --run KERNEL GX GY GZ BX BY BZ SMEM TIMEOUT_MS THREADS ARG...\n", argv[0]);
    return 2;
  }
  install_handlers();
  std::string name = argv[2];
  for (const KernelEntry& k : registry())
    if (k.name == name) g_kernel = &k;
  if (g_kernel == nullptr) {
    std::string known;
    for (const KernelEntry& k : registry()) known += (known.empty() ? "" : ", ") + k.name;
    fail("NO_SUCH_KERNEL", 0, "there is no kernel '%s' in this file; its kernels: %s", name.c_str(),
         known.empty() ? "none" : known.c_str());
  }
  long long g[3], bl[3];
  for (int i = 0; i < 3; i++) g[i] = parse_number(argv[3 + i], "grid");
  for (int i = 0; i < 3; i++) bl[i] = parse_number(argv[6 + i], "block");
  long long smem = parse_number(argv[9], "dynamic shared memory");
  long long timeoutMs = parse_number(argv[10], "timeout");
  long long threads = parse_number(argv[11], "threads");
  // Grid and block come from a LaunchDims, which holds CUDA's launch limits (written once, in Java).
  long long perBlock = bl[0] * bl[1] * bl[2];
  if (smem < 0 || smem > 101376)
    fail("BAD_LAUNCH", 0, "%lld bytes of dynamic shared memory: an sm_89 block can have at most 99 KiB (101376)",
         smem);
  int given = argc - 12;
  if (given != int(g_kernel->params.size())) {
    std::string sig;
    for (const Param& p : g_kernel->params) sig += (sig.empty() ? "" : ", ") + p.typeText + " " + p.name;
    fail("BAD_ARGUMENTS", 0, "kernel %s takes %zu arguments (%s) but %d were given", name.c_str(),
         g_kernel->params.size(), sig.c_str(), given);
  }
  std::vector<ArgSpec> specs{size_t(given)};
  for (int i = 0; i < given; i++) {
    std::string s = argv[12 + i];
    ArgSpec& spec = specs[size_t(i)];
    if (s.rfind("buf:", 0) == 0) {
      size_t p1 = s.find(':', 4), p2 = s.find(':', p1 + 1), p3 = s.find(':', p2 + 1);
      std::string dir = s.substr(4, p1 - 4), kind = s.substr(p1 + 1, p2 - p1 - 1);
      size_t count = size_t(parse_number(s.substr(p2 + 1, p3 - p2 - 1).c_str(), "buffer length"));
      spec.kind = ARG_BUFFER;
      spec.buf = load_buffer(i, dir == "in" ? IN : dir == "out" ? OUT : INOUT,
                             kind == "f32" ? F32 : kind == "i32" ? I32 : U16, count, s.substr(p3 + 1));
      g_buffers.push_back(spec.buf);
    } else if (s.rfind("int:", 0) == 0) {
      spec.kind = ARG_INT;
      spec.ival = parse_number(s.c_str() + 4, "int argument");
    } else if (s.rfind("float:", 0) == 0) {
      spec.kind = ARG_FLOAT;
      uint32_t bits = uint32_t(parse_number(s.c_str() + 6, "float argument"));
      std::memcpy(&spec.fval, &bits, 4);
    } else {
      fail("BAD_ARGUMENTS", 0, "argument %d: cannot read '%s'", i + 1, s.c_str());
    }
  }
  g_argv.resize(size_t(given));
  for (int i = 0; i < given; i++) {
    const Param& p = g_kernel->params[size_t(i)];
    std::string error = unfit_argument(p, specs[size_t(i)]);
    if (!error.empty()) {
      fail("BAD_ARGUMENTS", 0, "argument %d of %s, '%s', %s", i + 1, name.c_str(), p.name.c_str(), error.c_str());
    }
    g_argv[size_t(i)] = p.type->make(specs[size_t(i)], i);
  }

  g_gridDim = dim3(unsigned(g[0]), unsigned(g[1]), unsigned(g[2]));
  g_blockDim = dim3(unsigned(bl[0]), unsigned(bl[1]), unsigned(bl[2]));
  g_dynamicSmem = size_t(smem);
  g_blocks = g[0] * g[1] * g[2];
  long long workers = threads > 0 ? threads : (long long)std::thread::hardware_concurrency();
  if (workers < 1) workers = 1;
  if (workers > g_blocks) workers = g_blocks;
  for (long long i = 0; i < workers; i++) {
    Worker* w = new Worker();
    prepare_worker(w, int(perBlock));
    g_workers.push_back(w);
  }

  if (profile_start) {
    for (const Buffer* b : g_buffers) profile_buffer(b->arg, b->data, b->bytes);
    profile_start(g_dynamicSmem);
  }
  std::mutex mutex;
  std::condition_variable finished;
  bool done = false;
  std::thread watchdog([&] {
    std::unique_lock<std::mutex> lock(mutex);
    if (finished.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] { return done; })) return;
    for (Worker* w : g_workers) {
      if (w->busy) {
        pthread_kill(w->thread, SIGUSR2);
        break;
      }
    }
    lock.unlock();
    std::this_thread::sleep_for(std::chrono::seconds(2));
    fail("TIMEOUT", 0, "%s", "");
  });

  timespec cpuStart, cpuEnd;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpuStart);
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> running;
  running.reserve(g_workers.size());
  for (Worker* w : g_workers) {
    running.emplace_back(worker_main, w);
    w->thread = running.back().native_handle();
  }
  for (std::thread& t : running) t.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpuEnd);
  double cpuSeconds = double(cpuEnd.tv_sec - cpuStart.tv_sec) + 1e-9 * double(cpuEnd.tv_nsec - cpuStart.tv_nsec);
  {
    std::lock_guard<std::mutex> lock(mutex);
    done = true;
  }
  finished.notify_all();
  watchdog.join();

  if (profile_finish) profile_finish();
  for (const Buffer* b : g_buffers)
    if (b->dir != IN) store_buffer(b);
  long long phases = 0;
  for (Worker* w : g_workers) phases += w->phases;
  fflush(stdout);
  fprintf(stderr, "\n@@KP-STATS\tseconds=%.9f\tcpu_seconds=%.9f\tphases=%lld\tthreads=%lld\tblocks=%lld\n", seconds,
          cpuSeconds, phases, workers, g_blocks);
  return 0;
}

// ===================================================================================================
// Whole programs (kp emulate prog.cu: a file with a main of its own; kp_program.cpp is its host runtime).
// A program launches many kernels in its own process: launch_in_program runs one to its end on worker
// threads of its own. A failure in a launch (an out-of-bounds access, a divergent barrier, a trap) prints
// its "@@KP-ERROR" line as always, which the Java side turns into the usual report, and then ends only
// that launch: the failing worker jumps back to program_worker_main and the others take no more blocks.
// The host runtime turns it into a sticky error (cudaErrorIllegalAddress...), as a GPU does.
// A cooperative launch runs every block at once, one worker thread each, so this_grid().sync() can wait
// for all of them (grid_sync).
// ===================================================================================================
void (*g_describe_allocation)(const void* at, char* out, size_t size) = nullptr;
static bool g_inProgram = false;
static std::atomic<bool> g_launchAborted{false};
static char g_failedKind[64];
static __thread sigjmp_buf* t_abortJump = nullptr;

static void program_describe_allocation(const void* at, char* out, size_t size) {
  if (g_inProgram && g_describe_allocation != nullptr && size > 0) g_describe_allocation(at, out, size);
}

static void program_abort_block(const char* kind) {
  if (!g_inProgram || t_abortJump == nullptr) return;
  if (kind != nullptr) snprintf(g_failedKind, sizeof g_failedKind, "%s", kind);
  g_launchAborted = true;
  siglongjmp(*t_abortJump, 1);
}

// The grid barrier of a cooperative launch: blocks that returned no longer count.
struct GridBarrier {
  std::mutex m;
  std::condition_variable cv;
  long long waiting = 0, expected = 0, generation = 0;
  bool cooperative = false;
};
static GridBarrier g_grid;

static void grid_arrive(bool leaving) {
  std::unique_lock<std::mutex> lock(g_grid.m);
  if (leaving) g_grid.expected--;
  else g_grid.waiting++;
  if (g_grid.waiting >= g_grid.expected && g_grid.waiting > 0) {
    g_grid.waiting = 0;
    g_grid.generation++;
    g_grid.cv.notify_all();
    return;
  }
  if (leaving) return;
  long long generation = g_grid.generation;
  g_grid.cv.wait(lock, [&] { return g_grid.generation != generation || g_launchAborted.load(); });
  if (g_grid.generation == generation) {  // another block failed: this one ends too
    lock.unlock();
    program_abort_block();
  }
}

void grid_sync(int line) {
  if (!g_grid.cooperative) {
    fail("UNSUPPORTED", line,
         "this_grid().sync() needs a cooperative launch (cudaLaunchCooperativeKernel), which makes every block of the "
         "grid resident at once; a <<<...>>> launch does not");
  }
  syncthreads(line);
  if (t_fiber->linear == 0) grid_arrive(false);
  syncthreads(line);
}

static void program_worker_main(Worker* w) {
  t_worker = w;
  use_alternate_signal_stack();
  sigjmp_buf jump;
  t_abortJump = &jump;
  if (sigsetjmp(jump, 1) == 0) {
    for (;;) {
      if (g_launchAborted.load()) break;
      long long b = g_nextBlock.fetch_add(1);
      if (b >= g_blocks) break;
      run_block(w, b);
      if (g_grid.cooperative) grid_arrive(true);
    }
  } else {
    std::lock_guard<std::mutex> lock(g_grid.m);
    g_grid.cv.notify_all();
  }
  t_abortJump = nullptr;
  t_fiber = nullptr;
  stack_t ss;
  if (sigaltstack(nullptr, &ss) == 0 && ss.ss_sp != nullptr) {
    stack_t off{};
    off.ss_flags = SS_DISABLE;
    sigaltstack(&off, nullptr);
    free(ss.ss_sp);
  }
}

static void release_worker(Worker* w) {
  if (w->stacks) munmap(w->stacks, w->stacksBytes);
  if (w->dynRegion) munmap(w->dynRegion, w->dynRegionBytes);
  delete w;
}

// Called before the program's main (kp_program.cpp): its faults, on the host too, are reported from then on.
void program_start() {
  g_inProgram = true;
  g_page = size_t(sysconf(_SC_PAGESIZE));
  read_schedule();
  const char* z = getenv("KP_EMULATOR_SANITIZE");
  g_sanitize = !(z != nullptr && strcmp(z, "0") == 0);
  install_handlers();
}

// Runs one kernel to its end. Returns the kind of the failure that ended it ("" when none); its report is out.
const char* launch_in_program(const char* name, void (*invoke)(void**), void** argv, dim3 grid, dim3 block,
                              size_t smem, bool cooperative, int cpuThreads, double* seconds) {
  static KernelEntry entry;
  entry.name = name;
  entry.invoke = invoke;
  g_kernel = &entry;
  g_argv.assign(argv, argv + 1);
  g_gridDim = grid;
  g_blockDim = block;
  g_dynamicSmem = smem;
  g_blocks = (long long)grid.x * grid.y * grid.z;
  g_nextBlock = 0;
  g_launchAborted = false;
  g_failedKind[0] = 0;
  int perBlock = int(block.x * block.y * block.z);
  long long workers = cooperative ? g_blocks : (cpuThreads > 0 ? cpuThreads : (long long)std::thread::hardware_concurrency());
  if (workers < 1) workers = 1;
  if (workers > g_blocks) workers = g_blocks;
  // Workers (fiber stacks) are kept for the next launch of the same shape.
  static int shapeThreads = -1;
  static size_t shapeSmem = 0;
  if (perBlock != shapeThreads || smem != shapeSmem || cooperative) {
    for (Worker* w : g_workers) release_worker(w);
    g_workers.clear();
    shapeThreads = cooperative ? -1 : perBlock;
    shapeSmem = smem;
  }
  while ((long long)g_workers.size() < workers) {
    Worker* w = new Worker();
    prepare_worker(w, perBlock, !cooperative);  // a cooperative grid has too many fibers for a guard page each
    g_workers.push_back(w);
  }
  {
    std::lock_guard<std::mutex> lock(g_grid.m);
    g_grid.cooperative = cooperative;
    g_grid.expected = g_blocks;
    g_grid.waiting = 0;
  }
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> running;
  for (long long i = 0; i < workers; i++) {
    Worker* w = g_workers[size_t(i)];
    running.emplace_back(program_worker_main, w);
    w->thread = running.back().native_handle();
  }
  for (std::thread& t : running) t.join();
  *seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  g_grid.cooperative = false;
  g_kernel = nullptr;
  g_failing = 0;
  if (cooperative) {
    for (Worker* w : g_workers) release_worker(w);
    g_workers.clear();
  }
  if (g_launchAborted.load() && g_failedKind[0] == 0) snprintf(g_failedKind, sizeof g_failedKind, "CRASH");
  return g_launchAborted.load() ? g_failedKind : "";
}
}  // namespace kp

// A whole program (kp emulate prog.cu) brings its own main, which wins over this weak one.
__attribute__((weak)) int main(int argc, char** argv) { return kp::run_main(argc, argv); }
