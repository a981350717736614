// kp_program.cpp — the host runtime of whole programs on the emulator (kp_program.h declares it).
// Compiled once per emulator version and linked into every program (with kp_driver.o, whose weak main the
// program's own main replaces).
//
// Device memory is host memory that ends exactly at a PROT_NONE guard page; each allocation remembers its
// size, the variable it was stored in and the file:line that made it, so a kernel's access past it, a copy
// past its end, a double free or a leak is reported with those. Messages go to stderr as
// "file:line: ..." lines; a kernel's failure is reported by the driver ("@@KP-ERROR", turned into words by
// the Java side) and then becomes this runtime's sticky error.
#define KP_DRIVER 1  // the runtime's own printf calls are the C library's
#include "kp_program.h"
#include <sys/mman.h>
#include <unistd.h>

namespace kp {
extern void (*g_describe_allocation)(const void* at, char* out, size_t size);

namespace host {
static std::mutex g_mutex;
// By the address of the first byte; never destroyed, so the leak report at exit can still read it.
static std::map<uintptr_t, Allocation>& table() {
  static auto* allocations = new std::map<uintptr_t, Allocation>();
  return *allocations;
}
static size_t g_page = size_t(sysconf(_SC_PAGESIZE));
static cudaError_t g_last = cudaSuccess;
static cudaError_t g_sticky = cudaSuccess;
static std::map<const void*, int> g_optInSmem;
static std::vector<SlotLauncher>& launchers() {
  static auto* all = new std::vector<SlotLauncher>();
  return *all;
}

static const char* kind_call(Kind k) {
  return k == DEVICE ? "cudaMalloc" : k == MANAGED ? "cudaMallocManaged" : "cudaMallocHost";
}

static void say(const char* file, int line, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(const char* file, int line, const char* fmt, ...) {
  std::fflush(stdout);
  char text[2048];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(text, sizeof text, fmt, ap);
  va_end(ap);
  std::fprintf(stderr, "%s:%d: %s\n", file, line, text);
}

static std::string describe(const Allocation& a) {
  char text[512];
  snprintf(text, sizeof text, "%s (%zu bytes from %s at %s:%d%s", a.name, a.bytes, kind_call(a.kind), a.file, a.line,
           a.freedFile ? (a.freedLine > 0 ? ", freed at " : ", freed ") : ")");
  std::string s = text;
  if (a.freedFile) s += a.freedLine > 0 ? std::string(a.freedFile) + ":" + std::to_string(a.freedLine) + ")" : "by cudaDeviceReset)";
  return s;
}

// The allocation starting at or below p whose bytes plus `slack` bytes past its end hold p, or nullptr.
static const Allocation* holding(const void* p, uintptr_t slack) {
  uintptr_t at = uintptr_t(p);
  std::lock_guard<std::mutex> lock(g_mutex);
  auto& t = table();
  auto it = t.upper_bound(at);
  if (it == t.begin()) return nullptr;
  --it;
  const Allocation& a = it->second;
  uintptr_t end = uintptr_t(a.data) + (a.bytes ? a.bytes : 1);
  return at >= uintptr_t(a.data) && at < end + slack ? &a : nullptr;
}

const Allocation* find(const void* p) { return holding(p, 0); }

// The allocation whose bytes or trailing guard page hold p.
static const Allocation* near(const void* p) { return holding(p, g_page); }

// cudaMalloc memory is untouchable from host code: open while a kernel runs or a copy reads or writes it, so
// a device pointer dereferenced on the host faults and is reported. Managed and pinned memory stay open.
static void set_access(const Allocation& a, int prot) {
  uintptr_t first = uintptr_t(a.data) & ~uintptr_t(g_page - 1);
  size_t rounded = (a.bytes + 15) / 16 * 16;
  if (rounded > 0) mprotect(reinterpret_cast<void*>(first), uintptr_t(a.data) + rounded - first, prot);
}
static void set_device_access(int prot) {
  std::lock_guard<std::mutex> lock(g_mutex);
  for (auto& [at, a] : table())
    if (a.kind == DEVICE && a.freedFile == nullptr) set_access(a, prot);
}
// Opens the device allocation holding p (if any) for as long as it lives.
struct OpenForCopy {
  const Allocation* a;
  explicit OpenForCopy(const void* p) : a(find(p)) {
    if (a && a->kind == DEVICE && a->freedFile == nullptr) set_access(*a, PROT_READ | PROT_WRITE);
    else a = nullptr;
  }
  ~OpenForCopy() {
    if (a) set_access(*a, PROT_NONE);
  }
};

// For the driver's reports: "allocation=d_x (4000 bytes from cudaMalloc at add.cu:20)".
static void describe_for_driver(const void* at, char* out, size_t size) {
  const Allocation* a = near(at);
  if (a != nullptr) {
    bool inside = at >= a->data && static_cast<const char*>(at) < a->data + a->bytes;
    snprintf(out, size, "\tallocation=%s\tplace=%s", describe(*a).c_str(), inside ? "inside" : "after");
  } else if (at != nullptr) {
    snprintf(out, size, "\tallocation=host");
  } else {
    snprintf(out, size, "\tallocation=null");
  }
}

cudaError_t result(cudaError_t e) {
  if (g_sticky != cudaSuccess) return g_sticky;
  if (e != cudaSuccess) g_last = e;
  return e;
}

cudaError_t allocate(void** out, size_t bytes, Kind kind, const char* name, const char* file, int line) {
  if (g_sticky != cudaSuccess) return g_sticky;
  size_t rounded = (bytes + 15) / 16 * 16;  // 16-byte aligned, as vector loads want
  size_t pages = (rounded + g_page - 1) / g_page;
  size_t region = (pages + 1) * g_page;
  void* mem = mmap(nullptr, region, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (mem == MAP_FAILED) {
    say(file, line, "%s of %zu bytes failed: cudaErrorMemoryAllocation (out of memory)", kind_call(kind), bytes);
    *out = nullptr;
    return result(cudaErrorMemoryAllocation);
  }
  char* guard = static_cast<char*>(mem) + pages * g_page;
  mprotect(guard, g_page, PROT_NONE);
  char* data = guard - rounded;
  Allocation a{data, bytes, kind, strdup(name), file, line, nullptr, 0};
  if (kind == DEVICE) {
    std::memset(data, 0xff, rounded);  // like fresh GPU memory, not zero: NaN shows unset values
    set_access(a, PROT_NONE);          // device memory: not for host code
  }
  {
    std::lock_guard<std::mutex> lock(g_mutex);
    table()[uintptr_t(data)] = a;
  }
  *out = data;
  return result(cudaSuccess);
}

cudaError_t release(void* p, Kind kind, const char* call, const char* file, int line) {
  if (p == nullptr) return result(cudaSuccess);
  Allocation* a = nullptr;
  {
    std::lock_guard<std::mutex> lock(g_mutex);
    auto it = table().find(uintptr_t(p));
    if (it != table().end()) a = &it->second;
  }
  if (a == nullptr) {
    const Allocation* inside = find(p);
    if (inside)
      say(file, line, "%s(%p): not the start of an allocation but %zu bytes into %s: cudaErrorInvalidValue", call, p,
          size_t(static_cast<char*>(p) - inside->data), describe(*inside).c_str());
    else
      say(file, line, "%s(%p): not memory from %s: cudaErrorInvalidValue", call, p,
          kind == PINNED ? "cudaMallocHost" : "cudaMalloc or cudaMallocManaged");
    return result(cudaErrorInvalidValue);
  }
  if (a->freedFile != nullptr) {
    say(file, line, "%s(%s): double free: %s", call, a->name, describe(*a).c_str());
    return result(cudaErrorInvalidValue);
  }
  if ((kind == PINNED) != (a->kind == PINNED)) {
    say(file, line, "%s(%s): %s came from %s; free it with %s", call, a->name, a->name, kind_call(a->kind),
        a->kind == PINNED ? "cudaFreeHost" : "cudaFree");
    return result(cudaErrorInvalidValue);
  }
  a->freedFile = file;
  a->freedLine = line;
  // The bytes stay mapped but untouchable: a later use faults and is reported as a use after free.
  set_access(*a, PROT_NONE);
  return result(cudaSuccess);
}

// Checks that [p, p + bytes) lies in one live allocation, or in none (host memory); says what is wrong.
static bool check_range(const void* p, size_t bytes, const char* role, const char* call, const char* file, int line,
                        bool mustBeDevice) {
  const Allocation* a = find(p);
  if (a == nullptr) {
    if (mustBeDevice) {
      say(file, line, "%s: the %s %p is not device memory (not from cudaMalloc or cudaMallocManaged): "
          "cudaErrorInvalidValue", call, role, p);
      return false;
    }
    return true;
  }
  if (a->freedFile != nullptr) {
    say(file, line, "%s: the %s is %s, used after free: cudaErrorInvalidValue", call, role, describe(*a).c_str());
    return false;
  }
  size_t offset = size_t(static_cast<const char*>(p) - a->data);
  if (offset + bytes > a->bytes) {
    say(file, line, "%s of %zu bytes %s %s at byte %zu: %zu bytes past its end: cudaErrorInvalidValue", call, bytes,
        std::strcmp(role, "destination") == 0 ? "into" : "from", describe(*a).c_str(), offset,
        offset + bytes - a->bytes);
    return false;
  }
  return true;
}

cudaError_t copy(void* dst, const void* src, size_t bytes, cudaMemcpyKind kind, const char* call, const char* file,
                 int line) {
  if (g_sticky != cudaSuccess) return g_sticky;
  if (int(kind) < 0 || int(kind) > 4) {
    say(file, line, "%s: %d is not a cudaMemcpyKind: cudaErrorInvalidMemcpyDirection", call, int(kind));
    return result(cudaErrorInvalidMemcpyDirection);
  }
  if (bytes == 0) return result(cudaSuccess);
  if (dst == nullptr || src == nullptr) {
    say(file, line, "%s: a null %s pointer: cudaErrorInvalidValue", call, dst == nullptr ? "destination" : "source");
    return result(cudaErrorInvalidValue);
  }
  bool dstDevice = kind == cudaMemcpyHostToDevice || kind == cudaMemcpyDeviceToDevice;
  bool srcDevice = kind == cudaMemcpyDeviceToHost || kind == cudaMemcpyDeviceToDevice;
  if (!check_range(dst, bytes, "destination", call, file, line, dstDevice) ||
      !check_range(src, bytes, "source", call, file, line, srcDevice))
    return result(cudaErrorInvalidValue);
  OpenForCopy openDst(dst), openSrc(src);
  std::memmove(dst, src, bytes);
  return result(cudaSuccess);
}

cudaError_t fill(void* dst, int value, size_t bytes, const char* file, int line) {
  if (g_sticky != cudaSuccess) return g_sticky;
  if (!check_range(dst, bytes, "destination", "cudaMemset", file, line, true)) return result(cudaErrorInvalidValue);
  OpenForCopy open(dst);
  std::memset(dst, value, bytes);
  return result(cudaSuccess);
}

cudaError_t symbol_copy(void* symbol, size_t symbolBytes, size_t offset, void* other, size_t bytes, bool toSymbol,
                        const char* file, int line) {
  if (g_sticky != cudaSuccess) return g_sticky;
  const char* call = toSymbol ? "cudaMemcpyToSymbol" : "cudaMemcpyFromSymbol";
  if (offset + bytes > symbolBytes) {
    say(file, line, "%s of %zu bytes at offset %zu, but the symbol has %zu bytes: cudaErrorInvalidValue", call, bytes,
        offset, symbolBytes);
    return result(cudaErrorInvalidValue);
  }
  OpenForCopy open(other);
  if (toSymbol)
    std::memcpy(static_cast<char*>(symbol) + offset, other, bytes);
  else
    std::memcpy(other, static_cast<char*>(symbol) + offset, bytes);
  return result(cudaSuccess);
}

cudaError_t set_attribute(const void* function, cudaFuncAttribute attr, int value) {
  if (attr == cudaFuncAttributeMaxDynamicSharedMemorySize) {
    if (value < 0 || value > KP_DEVICE_SHARED_PER_BLOCK_OPTIN) return result(cudaErrorInvalidValue);
    std::lock_guard<std::mutex> lock(g_mutex);
    g_optInSmem[function] = value;
  }
  return result(cudaSuccess);
}

// Blocks per SM: by warps, block slots and registers from the Ada occupancy calculator (ada.Occupancy, a
// table in kp_device_profile.h, assuming 32 registers per thread: the emulator does not know a kernel's
// count), and by shared memory with the calculator's rule (per block: the bytes plus the reserved 1 KiB,
// rounded up to 128; per SM: the largest carveout).
int blocks_per_sm(int threadsPerBlock, size_t dynamicSmem) {
  static const int byWarps[] = KP_DEVICE_BLOCKS_BY_WARPS;
  if (threadsPerBlock <= 0 || threadsPerBlock > KP_DEVICE_MAX_THREADS_PER_BLOCK) return 0;
  int blocks = byWarps[(threadsPerBlock + KP_DEVICE_WARP_SIZE - 1) / KP_DEVICE_WARP_SIZE];
  if (dynamicSmem > 0) {
    size_t perBlock = (dynamicSmem + KP_DEVICE_RESERVED_SHARED_PER_BLOCK + KP_DEVICE_SHARED_UNIT - 1) /
                      KP_DEVICE_SHARED_UNIT * KP_DEVICE_SHARED_UNIT;
    int bySmem = int(size_t(KP_DEVICE_SHARED_PER_SM) / perBlock);
    if (bySmem < blocks) blocks = bySmem;
  }
  return blocks;
}

static const char* failure_error_name(const char* kind);
static cudaError_t failure_error(const char* kind) {
  std::string k = kind;
  if (k == "MISALIGNED") return cudaErrorMisalignedAddress;
  if (k == "TRAP") return cudaErrorAssert;
  if (k == "OUT_OF_BOUNDS" || k == "READ_ONLY" || k == "BAD_ADDRESS" || k == "SHARED_OUT_OF_BOUNDS" ||
      k == "DYNAMIC_SHARED_OUT_OF_BOUNDS")
    return cudaErrorIllegalAddress;
  return cudaErrorLaunchFailure;
}
static const char* failure_error_name(const char* kind) { return cudaGetErrorName(failure_error(kind)); }

static int cpu_threads() {
  const char* t = getenv("KP_EMULATOR_THREADS");
  return t != nullptr ? atoi(t) : 0;
}

static bool g_reportLeaks = true;
static void report_leaks() {
  if (!g_reportLeaks) return;
  std::vector<const Allocation*> live;
  size_t bytes = 0;
  for (auto& [at, a] : table())
    if (a.freedFile == nullptr) live.push_back(&a), bytes += a.bytes;
  if (live.empty()) return;
  std::fflush(stdout);
  std::fprintf(stderr, "warning: %zu allocation%s (%zu bytes) never freed:\n", live.size(), live.size() == 1 ? "" : "s",
               bytes);
  for (const Allocation* a : live) std::fprintf(stderr, "  %s\n", describe(*a).c_str());
}

// 1 in a file of kernels that has host code too, launched kernel by kernel by the driver's own main
// (emulator.CudaSource defines it there): then this runtime stays out of the way.
extern "C" __attribute__((weak)) volatile int kp_kernels_only = 0;

static bool g_started = false;
static void start() {
  if (g_started || kp_kernels_only) return;
  g_started = true;
  g_describe_allocation = &describe_for_driver;
  program_start();
  setvbuf(stdout, nullptr, _IOLBF, 0);  // whole lines, in order with stderr's reports
  std::atexit(report_leaks);
}
struct Starter {
  Starter() { start(); }
};
static Starter g_starter;

cudaError_t launch(const char* name, const void* function, void (*invoke)(void**), void** argv, dim3 grid, dim3 block,
                   size_t smem, bool cooperative, const char* file, int line) {
  if (g_sticky != cudaSuccess) return g_sticky;
  long long threads = (long long)block.x * block.y * block.z;
  char why[512] = "";
  size_t allowed = KP_DEVICE_SHARED_PER_BLOCK;
  {
    std::lock_guard<std::mutex> lock(g_mutex);
    auto it = g_optInSmem.find(function);
    if (it != g_optInSmem.end() && size_t(it->second) > allowed) allowed = size_t(it->second);
  }
  if (grid.x == 0 || grid.y == 0 || grid.z == 0 || block.x == 0 || block.y == 0 || block.z == 0)
    snprintf(why, sizeof why, "a grid (%u,%u,%u) or block (%u,%u,%u) with a zero dimension", grid.x, grid.y, grid.z,
             block.x, block.y, block.z);
  else if (threads > KP_DEVICE_MAX_THREADS_PER_BLOCK)
    snprintf(why, sizeof why, "a block of %u×%u×%u = %lld threads, but an sm_%d%d block has at most %d", block.x,
             block.y, block.z, threads, KP_DEVICE_MAJOR, KP_DEVICE_MINOR, KP_DEVICE_MAX_THREADS_PER_BLOCK);
  else if (block.z > 64)
    snprintf(why, sizeof why, "blockDim.z = %u, but at most 64", block.z);
  else if (grid.y > 65535 || grid.z > 65535)
    snprintf(why, sizeof why, "a grid (%u,%u,%u), but gridDim.y and gridDim.z are at most 65535", grid.x, grid.y,
             grid.z);
  else if (grid.x > 2147483647u)
    snprintf(why, sizeof why, "gridDim.x = %u, but at most 2^31-1", grid.x);
  else if (smem > allowed)
    snprintf(why, sizeof why,
             "%zu bytes of dynamic shared memory, but a block may have %zu%s (up to %d after "
             "cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, bytes))",
             smem, allowed, allowed == KP_DEVICE_SHARED_PER_BLOCK ? " without opting in" : "",
             KP_DEVICE_SHARED_PER_BLOCK_OPTIN);
  if (why[0]) {
    say(file, line, "launch of %s: cudaErrorInvalidConfiguration: %s", name, why);
    return result(cudaErrorInvalidConfiguration);
  }
  if (cooperative) {
    long long blocks = (long long)grid.x * grid.y * grid.z;
    int perSm = blocks_per_sm(int(threads), smem);
    if (blocks > (long long)perSm * KP_DEVICE_SM_COUNT) {
      say(file, line,
          "cooperative launch of %s: cudaErrorCooperativeLaunchTooLarge: %lld blocks, but an %s holds at most %d "
          "blocks of %lld threads%s at once (%d per SM × %d SMs); every block of a cooperative grid must be resident",
          name, blocks, KP_DEVICE_NAME, perSm * KP_DEVICE_SM_COUNT, threads, smem ? " with this shared memory" : "",
          perSm, KP_DEVICE_SM_COUNT);
      return result(cudaErrorCooperativeLaunchTooLarge);
    }
  }
  double seconds = 0;
  set_device_access(PROT_READ | PROT_WRITE);
  const char* failed = launch_in_program(name, invoke, argv, grid, block, smem, cooperative, cpu_threads(), &seconds);
  set_device_access(PROT_NONE);
  if (failed[0]) {
    g_sticky = failure_error(failed);
    g_last = g_sticky;
    std::fflush(stdout);
    std::fprintf(stderr, "%s:%d: the launch of %s failed (above); every CUDA call from now on returns %s, as on a GPU\n",
                 file, line, name, failure_error_name(failed));
  }
  return result(cudaSuccess);
}

void register_launcher(const SlotLauncher& l) { launchers().push_back(l); }

const char* name_of(const void* function) {
  for (const SlotLauncher& l : launchers())
    if (l.address == function) return l.name;
  return "the kernel";
}

cudaError_t launch_by_address(const void* function, dim3 grid, dim3 block, void** args, size_t smem, bool cooperative,
                              const char* file, int line) {
  for (const SlotLauncher& l : launchers())
    if (l.address == function) return l.launch(grid, block, args, smem, cooperative, file, line);
  say(file, line, "%s: %p is not a __global__ function of this program (a template kernel passed as void* is not "
      "known by address: pass it without the cast): cudaErrorInvalidDeviceFunction",
      cooperative ? "cudaLaunchCooperativeKernel" : "cudaLaunchKernel", function);
  return result(cudaErrorInvalidDeviceFunction);
}
}  // namespace host
}  // namespace kp

using kp::host::result;

cudaError_t cudaMemGetInfo(size_t* free, size_t* total) {
  size_t used = 0;
  for (auto& [at, a] : kp::host::table())
    if (a.freedFile == nullptr && a.kind != kp::host::PINNED) used += a.bytes;
  *total = size_t(KP_DEVICE_MEMORY_BYTES);
  *free = *total > used ? *total - used : 0;
  return result(cudaSuccess);
}
cudaError_t cudaGetDeviceCount(int* count) {
  *count = 1;
  return result(cudaSuccess);
}
cudaError_t cudaSetDevice(int device) { return result(device == 0 ? cudaSuccess : cudaErrorInvalidDevice); }
cudaError_t cudaGetDevice(int* device) {
  *device = 0;
  return result(cudaSuccess);
}
cudaError_t cudaDeviceSynchronize() { return result(cudaSuccess); }
cudaError_t cudaThreadSynchronize() { return result(cudaSuccess); }
cudaError_t cudaDeviceSetLimit(int, size_t) { return result(cudaSuccess); }
cudaError_t cudaDeviceReset() {
  // Frees everything (no leak warning for it) and clears the sticky error, as a GPU's reset does.
  std::lock_guard<std::mutex> lock(kp::host::g_mutex);
  for (auto& [at, a] : kp::host::table())
    if (a.freedFile == nullptr) a.freedFile = "cudaDeviceReset", a.freedLine = 0;
  kp::host::g_sticky = cudaSuccess;
  kp::host::g_last = cudaSuccess;
  return cudaSuccess;
}
cudaError_t cudaGetLastError() {
  if (kp::host::g_sticky != cudaSuccess) return kp::host::g_sticky;
  cudaError_t e = kp::host::g_last;
  kp::host::g_last = cudaSuccess;
  return e;
}
cudaError_t cudaPeekAtLastError() {
  return kp::host::g_sticky != cudaSuccess ? kp::host::g_sticky : kp::host::g_last;
}

#define KP_ERRORS(X)                                                                      \
  X(cudaSuccess, "no error")                                                              \
  X(cudaErrorInvalidValue, "invalid argument")                                            \
  X(cudaErrorMemoryAllocation, "out of memory")                                           \
  X(cudaErrorInitializationError, "initialization error")                                 \
  X(cudaErrorInvalidConfiguration, "invalid configuration argument")                      \
  X(cudaErrorInvalidSymbol, "invalid device symbol")                                      \
  X(cudaErrorInvalidDevicePointer, "invalid device pointer")                              \
  X(cudaErrorInvalidMemcpyDirection, "invalid copy direction for memcpy")                 \
  X(cudaErrorMissingConfiguration, "__global__ function call is not configured")          \
  X(cudaErrorInvalidDeviceFunction, "invalid device function")                            \
  X(cudaErrorNoDevice, "no CUDA-capable device is detected")                              \
  X(cudaErrorInvalidDevice, "invalid device ordinal")                                     \
  X(cudaErrorInvalidResourceHandle, "invalid resource handle")                            \
  X(cudaErrorNotReady, "device not ready")                                                \
  X(cudaErrorIllegalAddress, "an illegal memory access was encountered")                  \
  X(cudaErrorLaunchOutOfResources, "too many resources requested for launch")             \
  X(cudaErrorLaunchTimeout, "the launch timed out and was terminated")                    \
  X(cudaErrorAssert, "device-side assert triggered")                                      \
  X(cudaErrorIllegalInstruction, "an illegal instruction was encountered")                \
  X(cudaErrorMisalignedAddress, "misaligned address")                                     \
  X(cudaErrorLaunchFailure, "unspecified launch failure")                                 \
  X(cudaErrorCooperativeLaunchTooLarge, "too many blocks in cooperative launch")          \
  X(cudaErrorNotSupported, "operation not supported")                                     \
  X(cudaErrorUnknown, "unknown error")

const char* cudaGetErrorString(cudaError_t e) {
#define KP_STRING(code, text) \
  if (e == code) return text;
  KP_ERRORS(KP_STRING)
#undef KP_STRING
  return "unrecognized error code";
}
const char* cudaGetErrorName(cudaError_t e) {
#define KP_NAME(code, text) \
  if (e == code) return #code;
  KP_ERRORS(KP_NAME)
#undef KP_NAME
  return "cudaErrorUnknown";
}

cudaError_t cudaDeviceGetAttribute(int* value, cudaDeviceAttr attr, int device) {
  if (value == nullptr || device != 0) return result(device != 0 ? cudaErrorInvalidDevice : cudaErrorInvalidValue);
  cudaDeviceProp p;
  cudaGetDeviceProperties(&p, 0);
  switch (attr) {
    case cudaDevAttrMaxThreadsPerBlock: *value = p.maxThreadsPerBlock; break;
    case cudaDevAttrMaxBlockDimX: *value = p.maxThreadsDim[0]; break;
    case cudaDevAttrMaxBlockDimY: *value = p.maxThreadsDim[1]; break;
    case cudaDevAttrMaxBlockDimZ: *value = p.maxThreadsDim[2]; break;
    case cudaDevAttrMaxGridDimX: *value = p.maxGridSize[0]; break;
    case cudaDevAttrMaxGridDimY: *value = p.maxGridSize[1]; break;
    case cudaDevAttrMaxGridDimZ: *value = p.maxGridSize[2]; break;
    case cudaDevAttrMaxSharedMemoryPerBlock: *value = int(p.sharedMemPerBlock); break;
    case cudaDevAttrTotalConstantMemory: *value = int(p.totalConstMem); break;
    case cudaDevAttrWarpSize: *value = p.warpSize; break;
    case cudaDevAttrMaxRegistersPerBlock: *value = p.regsPerBlock; break;
    case cudaDevAttrClockRate: *value = p.clockRate; break;
    case cudaDevAttrMultiProcessorCount: *value = p.multiProcessorCount; break;
    case cudaDevAttrConcurrentKernels: *value = p.concurrentKernels; break;
    case cudaDevAttrMemoryClockRate: *value = p.memoryClockRate; break;
    case cudaDevAttrGlobalMemoryBusWidth: *value = p.memoryBusWidth; break;
    case cudaDevAttrL2CacheSize: *value = p.l2CacheSize; break;
    case cudaDevAttrMaxThreadsPerMultiProcessor: *value = p.maxThreadsPerMultiProcessor; break;
    case cudaDevAttrUnifiedAddressing: *value = 1; break;
    case cudaDevAttrComputeCapabilityMajor: *value = p.major; break;
    case cudaDevAttrComputeCapabilityMinor: *value = p.minor; break;
    case cudaDevAttrMaxSharedMemoryPerMultiprocessor: *value = int(p.sharedMemPerMultiprocessor); break;
    case cudaDevAttrMaxRegistersPerMultiprocessor: *value = p.regsPerMultiprocessor; break;
    case cudaDevAttrManagedMemory: *value = 1; break;
    case cudaDevAttrCooperativeLaunch: *value = 1; break;
    case cudaDevAttrMaxSharedMemoryPerBlockOptin: *value = int(p.sharedMemPerBlockOptin); break;
    case cudaDevAttrMaxBlocksPerMultiprocessor: *value = p.maxBlocksPerMultiProcessor; break;
    default:
      std::fflush(stdout);
      std::fprintf(stderr, "cudaDeviceGetAttribute: attribute %d is not in the emulator's RTX 4090 profile: "
                   "cudaErrorInvalidValue\n", int(attr));
      return result(cudaErrorInvalidValue);
  }
  return result(cudaSuccess);
}
cudaError_t cudaDriverGetVersion(int* version) {
  *version = CUDART_VERSION;
  return result(cudaSuccess);
}
cudaError_t cudaRuntimeGetVersion(int* version) {
  *version = CUDART_VERSION;
  return result(cudaSuccess);
}

struct CUstream_st {
  int id;
};
struct CUevent_st {
  std::chrono::steady_clock::time_point at;
  bool recorded;
};

cudaError_t cudaStreamCreate(cudaStream_t* s) {
  *s = new CUstream_st{1};
  return result(cudaSuccess);
}
cudaError_t cudaStreamCreateWithFlags(cudaStream_t* s, unsigned) { return cudaStreamCreate(s); }
cudaError_t cudaStreamDestroy(cudaStream_t s) {
  if (s == nullptr) return result(cudaErrorInvalidResourceHandle);
  delete s;
  return result(cudaSuccess);
}
cudaError_t cudaStreamSynchronize(cudaStream_t) { return result(cudaSuccess); }
cudaError_t cudaStreamQuery(cudaStream_t) { return result(cudaSuccess); }
cudaError_t cudaEventCreate(cudaEvent_t* e) {
  *e = new CUevent_st{{}, false};
  return result(cudaSuccess);
}
cudaError_t cudaEventCreateWithFlags(cudaEvent_t* e, unsigned) { return cudaEventCreate(e); }
cudaError_t cudaEventRecord(cudaEvent_t e, cudaStream_t) {
  if (e == nullptr) return result(cudaErrorInvalidResourceHandle);
  e->at = std::chrono::steady_clock::now();
  e->recorded = true;
  return result(cudaSuccess);
}
cudaError_t cudaEventSynchronize(cudaEvent_t e) {
  return result(e == nullptr ? cudaErrorInvalidResourceHandle : cudaSuccess);
}
cudaError_t cudaEventQuery(cudaEvent_t e) { return result(e == nullptr ? cudaErrorInvalidResourceHandle : cudaSuccess); }
cudaError_t cudaEventElapsedTime(float* ms, cudaEvent_t start, cudaEvent_t end) {
  static bool told = false;
  if (start == nullptr || end == nullptr) return result(cudaErrorInvalidResourceHandle);
  if (!start->recorded || !end->recorded) return result(cudaErrorInvalidResourceHandle);
  if (!told) {
    told = true;
    std::fflush(stdout);
    std::fprintf(stderr, "note: cudaEventElapsedTime gives CPU time of the emulator here, not GPU time\n");
  }
  *ms = float(std::chrono::duration<double, std::milli>(end->at - start->at).count());
  return result(cudaSuccess);
}
cudaError_t cudaEventDestroy(cudaEvent_t e) {
  delete e;
  return result(cudaSuccess);
}
