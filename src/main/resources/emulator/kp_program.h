// kp_program.h — the CUDA runtime API for whole programs on the emulator (kp emulate prog.cu, %%cuda --run).
//
// A .cu file with a main of its own is compiled with this header first. Host code runs as it is; device
// memory is host memory that knows its bounds and the line that allocated it; a launch runs the kernel to its
// end on the emulator's fibers (kp_driver.cpp, launch_in_program) before it returns, so streams and events
// are in order by construction, and an event's time is the emulation's CPU time. kp_program.cpp holds the
// runtime; docs/emulator.md lists what is supported. Anything not declared here fails to compile, naming it.
#pragma once
// The standard headers host code uses come before kp_cuda.h, whose macros (printf, assert, __shared__...)
// must not reach into them.
#include <algorithm>
#include <array>
#include <atomic>
#include <bitset>
#include <cfloat>
#include <chrono>
#include <cinttypes>
#include <climits>
#include <cmath>
#include <complex>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <limits>
#include <list>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <queue>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/time.h>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>
#include "kp_cuda.h"
#include "kp_device_profile.h"

// Host code writes std::printf and ::printf too: the emulator's printf (which prints s[i] of a __shared__
// array as its value) goes by a name those can reach.
#ifndef KP_DRIVER
#undef printf
#define printf kp_printf
using ::kp::kp_printf;
namespace std {
using ::kp::kp_printf;
}
#endif

// ---------------------------------------------------------------------------------------------------
// Types and codes, with CUDA's values (driver_types.h)
// ---------------------------------------------------------------------------------------------------
enum cudaError {
  cudaSuccess = 0,
  cudaErrorInvalidValue = 1,
  cudaErrorMemoryAllocation = 2,
  cudaErrorInitializationError = 3,
  cudaErrorInvalidConfiguration = 9,
  cudaErrorInvalidSymbol = 13,
  cudaErrorInvalidDevicePointer = 17,
  cudaErrorInvalidMemcpyDirection = 21,
  cudaErrorMissingConfiguration = 52,
  cudaErrorInvalidDeviceFunction = 98,
  cudaErrorNoDevice = 100,
  cudaErrorInvalidDevice = 101,
  cudaErrorInvalidResourceHandle = 400,
  cudaErrorNotReady = 600,
  cudaErrorIllegalAddress = 700,
  cudaErrorLaunchOutOfResources = 701,
  cudaErrorLaunchTimeout = 702,
  cudaErrorAssert = 710,
  cudaErrorIllegalInstruction = 715,
  cudaErrorMisalignedAddress = 716,
  cudaErrorLaunchFailure = 719,
  cudaErrorCooperativeLaunchTooLarge = 720,
  cudaErrorNotSupported = 801,
  cudaErrorUnknown = 999
};
typedef enum cudaError cudaError_t;

enum cudaMemcpyKind {
  cudaMemcpyHostToHost = 0,
  cudaMemcpyHostToDevice = 1,
  cudaMemcpyDeviceToHost = 2,
  cudaMemcpyDeviceToDevice = 3,
  cudaMemcpyDefault = 4
};

enum cudaFuncAttribute {
  cudaFuncAttributeMaxDynamicSharedMemorySize = 8,
  cudaFuncAttributePreferredSharedMemoryCarveout = 9
};

enum cudaDeviceAttr {
  cudaDevAttrMaxThreadsPerBlock = 1,
  cudaDevAttrMaxBlockDimX = 2,
  cudaDevAttrMaxBlockDimY = 3,
  cudaDevAttrMaxBlockDimZ = 4,
  cudaDevAttrMaxGridDimX = 5,
  cudaDevAttrMaxGridDimY = 6,
  cudaDevAttrMaxGridDimZ = 7,
  cudaDevAttrMaxSharedMemoryPerBlock = 8,
  cudaDevAttrTotalConstantMemory = 9,
  cudaDevAttrWarpSize = 10,
  cudaDevAttrMaxRegistersPerBlock = 12,
  cudaDevAttrClockRate = 13,
  cudaDevAttrMultiProcessorCount = 16,
  cudaDevAttrConcurrentKernels = 31,
  cudaDevAttrMemoryClockRate = 36,
  cudaDevAttrGlobalMemoryBusWidth = 37,
  cudaDevAttrL2CacheSize = 38,
  cudaDevAttrMaxThreadsPerMultiProcessor = 39,
  cudaDevAttrUnifiedAddressing = 41,
  cudaDevAttrComputeCapabilityMajor = 75,
  cudaDevAttrComputeCapabilityMinor = 76,
  cudaDevAttrMaxSharedMemoryPerMultiprocessor = 81,
  cudaDevAttrMaxRegistersPerMultiprocessor = 82,
  cudaDevAttrManagedMemory = 83,
  cudaDevAttrCooperativeLaunch = 95,
  cudaDevAttrMaxSharedMemoryPerBlockOptin = 97,
  cudaDevAttrMaxBlocksPerMultiprocessor = 106
};

#define cudaHostAllocDefault 0x00
#define cudaHostAllocPortable 0x01
#define cudaHostAllocMapped 0x02
#define cudaHostAllocWriteCombined 0x04
#define cudaMemAttachGlobal 0x01
#define cudaMemAttachHost 0x02
#define cudaStreamDefault 0x00
#define cudaStreamNonBlocking 0x01
#define cudaEventDefault 0x00
#define cudaEventBlockingSync 0x01
#define cudaEventDisableTiming 0x02

struct cudaDeviceProp {
  char name[256];
  size_t totalGlobalMem;
  size_t sharedMemPerBlock;
  int regsPerBlock;
  int warpSize;
  size_t memPitch;
  int maxThreadsPerBlock;
  int maxThreadsDim[3];
  int maxGridSize[3];
  int clockRate;
  size_t totalConstMem;
  int major;
  int minor;
  size_t textureAlignment;
  int deviceOverlap;
  int multiProcessorCount;
  int kernelExecTimeoutEnabled;
  int integrated;
  int canMapHostMemory;
  int computeMode;
  int concurrentKernels;
  int ECCEnabled;
  int pciBusID;
  int pciDeviceID;
  int pciDomainID;
  int asyncEngineCount;
  int unifiedAddressing;
  int memoryClockRate;
  int memoryBusWidth;
  int l2CacheSize;
  int persistingL2CacheMaxSize;
  int maxThreadsPerMultiProcessor;
  int streamPrioritiesSupported;
  int globalL1CacheSupported;
  int localL1CacheSupported;
  size_t sharedMemPerMultiprocessor;
  int regsPerMultiprocessor;
  int managedMemory;
  int isMultiGpuBoard;
  int multiGpuBoardGroupID;
  int concurrentManagedAccess;
  int pageableMemoryAccess;
  int cooperativeLaunch;
  int cooperativeMultiDeviceLaunch;
  size_t sharedMemPerBlockOptin;
  int maxBlocksPerMultiProcessor;
  int accessPolicyMaxWindowSize;
  size_t reservedSharedMemPerBlock;
};

struct cudaFuncAttributes {
  size_t sharedSizeBytes;
  size_t constSizeBytes;
  size_t localSizeBytes;
  int maxThreadsPerBlock;
  int numRegs;
  int ptxVersion;
  int binaryVersion;
  int maxDynamicSharedSizeBytes;
};

struct CUstream_st;
struct CUevent_st;
typedef CUstream_st* cudaStream_t;
typedef CUevent_st* cudaEvent_t;
#define cudaStreamLegacy ((cudaStream_t)0x1)
#define cudaStreamPerThread ((cudaStream_t)0x2)

// ---------------------------------------------------------------------------------------------------
// The runtime (kp_program.cpp) and the driver's side of a launch (kp_driver.cpp)
// ---------------------------------------------------------------------------------------------------
namespace kp {
const char* launch_in_program(const char* name, void (*invoke)(void**), void** argv, dim3 grid, dim3 block,
                              size_t smem, bool cooperative, int cpuThreads, double* seconds);
void grid_sync(int line);
void program_start();

namespace host {
enum Kind { DEVICE = 0, MANAGED = 1, PINNED = 2 };
struct Allocation {
  char* data;
  size_t bytes;
  Kind kind;
  const char* name;
  const char* file;
  int line;
  const char* freedFile;
  int freedLine;
};

// The allocation (live or freed) whose bytes hold p, or nullptr.
const Allocation* find(const void* p);
cudaError_t allocate(void** out, size_t bytes, Kind kind, const char* name, const char* file, int line);
cudaError_t release(void* p, Kind kind, const char* call, const char* file, int line);
cudaError_t copy(void* dst, const void* src, size_t bytes, cudaMemcpyKind kind, const char* call, const char* file,
                 int line);
cudaError_t fill(void* dst, int value, size_t bytes, const char* file, int line);
cudaError_t symbol_copy(void* symbol, size_t symbolBytes, size_t offset, void* other, size_t bytes, bool toSymbol,
                        const char* file, int line);

// Every call's outcome: a sticky error (a kernel that faulted) overrides it, as on a GPU.
cudaError_t result(cudaError_t e);
cudaError_t launch(const char* name, const void* function, void (*invoke)(void**), void** argv, dim3 grid, dim3 block,
                   size_t smem, bool cooperative, const char* file, int line);
int blocks_per_sm(int threadsPerBlock, size_t dynamicSmem);

// Turns what the host passes for a kernel parameter of type P into P: a pointer into a checked pointer
// that knows its allocation's bounds (a host pointer gets an empty range: any access is reported).
template <class P, class A>
inline P to_param(A&& a, int index, const char* kernel, const char* file, int line) {
  using D = std::decay_t<A>;
  if constexpr (is_gptr<P>::value) {
    using T = typename P::element_type;
    T* p;
    if constexpr (is_gptr<D>::value) return P(a);
    else if constexpr (std::is_same_v<D, std::nullptr_t>) return P(nullptr);
    else if constexpr (std::is_integral_v<D>) p = (T*)(uintptr_t)a;
    else p = (T*)(a);
    if (p == nullptr) return P(nullptr);
    const Allocation* found = find(p);
    if (found != nullptr && found->freedFile == nullptr)
      return P(p, found->data, found->data + found->bytes, index);
    (void)kernel, (void)file, (void)line;  // a host or freed pointer: reported when the kernel dereferences it
    return P(p, (const char*)p, (const char*)p, index);
  } else {
    return P(std::forward<A>(a));
  }
}

template <class... P>
struct Closure {
  void (*kernel)(P...);
  std::tuple<std::decay_t<P>...> args;
};
template <class... P>
inline void invoke_closure(void** argv) {
  auto* c = static_cast<Closure<P...>*>(argv[0]);
  std::apply(c->kernel, c->args);
}

template <class... P, class... A, size_t... I>
inline cudaError_t launch_with(void (*kernel)(P...), const char* name, dim3 grid, dim3 block, size_t smem,
                               bool cooperative, const char* file, int line, std::index_sequence<I...>, A&&... a) {
  Closure<P...> c{kernel, std::tuple<std::decay_t<P>...>(to_param<std::decay_t<P>>(std::forward<A>(a), int(I), name,
                                                                                     file, line)...)};
  void* argv[1] = {&c};
  return launch(name, (const void*)kernel, &invoke_closure<P...>, argv, grid, block, smem, cooperative, file, line);
}

// kernel<<<grid, block, smem, stream>>>(args...) becomes LaunchAt(__FILE__, __LINE__, grid, block, smem, stream)
// .run(kernel, "kernel", args...) (emulator.CudaSource).
struct LaunchAt {
  const char* file;
  int line;
  dim3 grid, block;
  size_t smem;
  LaunchAt(const char* f, int l, dim3 g, dim3 b, size_t s = 0, cudaStream_t = nullptr)
      : file(f), line(l), grid(g), block(b), smem(s) {}
  template <class... P, class... A>
  void run(void (*kernel)(P...), const char* name, A&&... a) const {
    static_assert(sizeof...(P) == sizeof...(A), "a kernel launch must pass every parameter of the kernel");
    launch_with(kernel, name, grid, block, smem, false, file, line, std::index_sequence_for<P...>{},
                std::forward<A>(a)...);
  }
};

// cudaLaunchKernel's void** arguments: each points at a value of the parameter's host type.
template <class P>
inline P from_slot(void* slot, int index, const char* kernel, const char* file, int line) {
  if constexpr (is_gptr<P>::value) {
    using T = typename P::element_type;
    return to_param<P>(*static_cast<T**>(slot), index, kernel, file, line);
  } else {
    return *static_cast<P*>(slot);
  }
}
template <class... P, size_t... I>
inline cudaError_t launch_slots(void (*kernel)(P...), const char* name, dim3 grid, dim3 block, void** args,
                                size_t smem, bool cooperative, const char* file, int line, std::index_sequence<I...>) {
  if (sizeof...(P) > 0 && args == nullptr) return result(cudaErrorInvalidValue);
  Closure<P...> c{kernel, std::tuple<std::decay_t<P>...>(
                              from_slot<std::decay_t<P>>(args[I], int(I), name, file, line)...)};
  void* argv[1] = {&c};
  return launch(name, (const void*)kernel, &invoke_closure<P...>, argv, grid, block, smem, cooperative, file, line);
}

// A kernel passed as `(void*)kernel` has lost its type: it is found by address in the table the rewriting
// puts at the end of the file (ProgramKernel below).
struct SlotLauncher {
  const void* address;
  const char* name;
  cudaError_t (*launch)(dim3, dim3, void**, size_t, bool, const char*, int);
};
void register_launcher(const SlotLauncher& l);
// The kernel's name, from the table at the end of the file ("the kernel" for a template instance).
const char* name_of(const void* function);
cudaError_t launch_by_address(const void* function, dim3 grid, dim3 block, void** args, size_t smem, bool cooperative,
                              const char* file, int line);

template <auto F>
struct ProgramKernel;
template <class... P, void (*F)(P...)>
struct ProgramKernel<F> {
  static inline const char* name_ = "";
  explicit ProgramKernel(const char* name) {
    name_ = name;
    register_launcher(SlotLauncher{(const void*)F, name, &go});
  }
  static cudaError_t go(dim3 g, dim3 b, void** args, size_t smem, bool cooperative, const char* file, int line) {
    return launch_slots(F, name_, g, b, args, smem, cooperative, file, line, std::index_sequence_for<P...>{});
  }
};

template <class T>
inline const char* allocation_name(const char* written) {
  // "&d_x" or "(void**)&d_x" names d_x
  const char* amp = std::strrchr(written, '&');
  return amp ? amp + 1 : written;
}
}  // namespace host
}  // namespace kp

// ---------------------------------------------------------------------------------------------------
// Memory
// ---------------------------------------------------------------------------------------------------
namespace kp {
namespace host {
template <class T>
inline cudaError_t malloc_as(T** out, size_t bytes, Kind kind, const char* written, const char* file, int line) {
  if (out == nullptr) return result(cudaErrorInvalidValue);
  void* p = nullptr;
  cudaError_t e = allocate(&p, bytes, kind, allocation_name<T>(written), file, line);
  *out = static_cast<T*>(p);
  return e;
}
}  // namespace host
}  // namespace kp
#define cudaMalloc(p, bytes) ::kp::host::malloc_as((p), (bytes), ::kp::host::DEVICE, #p, __FILE__, __LINE__)
#define cudaMallocManaged(p, bytes, ...) ::kp::host::malloc_as((p), (bytes), ::kp::host::MANAGED, #p, __FILE__, __LINE__)
#define cudaMallocHost(p, bytes, ...) ::kp::host::malloc_as((p), (bytes), ::kp::host::PINNED, #p, __FILE__, __LINE__)
#define cudaHostAlloc(p, bytes, flags) ::kp::host::malloc_as((p), (bytes), ::kp::host::PINNED, #p, __FILE__, __LINE__)
#define cudaFree(p) ::kp::host::release((void*)(p), ::kp::host::DEVICE, "cudaFree", __FILE__, __LINE__)
#define cudaFreeHost(p) ::kp::host::release((void*)(p), ::kp::host::PINNED, "cudaFreeHost", __FILE__, __LINE__)
#define cudaMemcpy(dst, src, bytes, kind) \
  ::kp::host::copy((void*)(dst), (const void*)(src), (bytes), (kind), "cudaMemcpy", __FILE__, __LINE__)
#define cudaMemcpyAsync(dst, src, bytes, kind, ...) \
  ::kp::host::copy((void*)(dst), (const void*)(src), (bytes), (kind), "cudaMemcpyAsync", __FILE__, __LINE__)
#define cudaMemset(dst, value, bytes) ::kp::host::fill((void*)(dst), (value), (bytes), __FILE__, __LINE__)
#define cudaMemsetAsync(dst, value, bytes, ...) ::kp::host::fill((void*)(dst), (value), (bytes), __FILE__, __LINE__)
namespace kp {
namespace host {
template <class T>
inline cudaError_t to_symbol(T& symbol, const void* src, size_t bytes, size_t offset, const char* file, int line) {
  return symbol_copy((void*)&symbol, sizeof(T), offset, const_cast<void*>(src), bytes, true, file, line);
}
template <class T>
inline cudaError_t from_symbol(void* dst, T& symbol, size_t bytes, size_t offset, const char* file, int line) {
  return symbol_copy((void*)&symbol, sizeof(T), offset, dst, bytes, false, file, line);
}
inline size_t offset_of(size_t offset = 0, int = 0, ...) { return offset; }
}  // namespace host
}  // namespace kp
#define cudaMemcpyToSymbol(symbol, src, bytes, ...) \
  ::kp::host::to_symbol((symbol), (src), (bytes), ::kp::host::offset_of(__VA_ARGS__), __FILE__, __LINE__)
#define cudaMemcpyToSymbolAsync cudaMemcpyToSymbol
#define cudaMemcpyFromSymbol(dst, symbol, bytes, ...) \
  ::kp::host::from_symbol((dst), (symbol), (bytes), ::kp::host::offset_of(__VA_ARGS__), __FILE__, __LINE__)
#define cudaMemcpyFromSymbolAsync cudaMemcpyFromSymbol
template <class T>
inline cudaError_t cudaGetSymbolAddress(void** out, T& symbol) {
  *out = (void*)&symbol;
  return ::kp::host::result(cudaSuccess);
}
template <class T>
inline cudaError_t cudaGetSymbolSize(size_t* out, T& symbol) {
  *out = sizeof(T);
  return ::kp::host::result(cudaSuccess);
}
inline cudaError_t cudaMemPrefetchAsync(const void*, size_t, int, cudaStream_t = nullptr) {
  return ::kp::host::result(cudaSuccess);
}
cudaError_t cudaMemGetInfo(size_t* free, size_t* total);

// ---------------------------------------------------------------------------------------------------
// Devices, synchronisation, errors
// ---------------------------------------------------------------------------------------------------
cudaError_t cudaGetDeviceCount(int* count);
cudaError_t cudaSetDevice(int device);
cudaError_t cudaGetDevice(int* device);
cudaError_t cudaDeviceSynchronize();
cudaError_t cudaDeviceReset();
cudaError_t cudaThreadSynchronize();
cudaError_t cudaGetLastError();
cudaError_t cudaPeekAtLastError();
const char* cudaGetErrorString(cudaError_t e);
const char* cudaGetErrorName(cudaError_t e);
cudaError_t cudaDeviceGetAttribute(int* value, cudaDeviceAttr attr, int device);
cudaError_t cudaDriverGetVersion(int* version);
cudaError_t cudaRuntimeGetVersion(int* version);
cudaError_t cudaDeviceSetLimit(int, size_t);

inline cudaError_t cudaGetDeviceProperties(cudaDeviceProp* p, int device) {
  if (p == nullptr) return ::kp::host::result(cudaErrorInvalidValue);
  if (device != 0) return ::kp::host::result(cudaErrorInvalidDevice);
  *p = cudaDeviceProp{};
  std::snprintf(p->name, sizeof p->name, "%s", KP_DEVICE_NAME);
  p->totalGlobalMem = size_t(KP_DEVICE_MEMORY_BYTES);
  p->sharedMemPerBlock = KP_DEVICE_SHARED_PER_BLOCK;
  p->regsPerBlock = KP_DEVICE_REGISTERS_PER_BLOCK;
  p->warpSize = KP_DEVICE_WARP_SIZE;
  p->memPitch = 2147483647;
  p->maxThreadsPerBlock = KP_DEVICE_MAX_THREADS_PER_BLOCK;
  p->maxThreadsDim[0] = 1024, p->maxThreadsDim[1] = 1024, p->maxThreadsDim[2] = 64;
  p->maxGridSize[0] = 2147483647, p->maxGridSize[1] = 65535, p->maxGridSize[2] = 65535;
  p->clockRate = KP_DEVICE_CLOCK_KHZ;
  p->totalConstMem = 65536;
  p->major = KP_DEVICE_MAJOR;
  p->minor = KP_DEVICE_MINOR;
  p->textureAlignment = 512;
  p->deviceOverlap = 1;
  p->multiProcessorCount = KP_DEVICE_SM_COUNT;
  p->canMapHostMemory = 1;
  p->concurrentKernels = 1;
  p->asyncEngineCount = 2;
  p->unifiedAddressing = 1;
  p->memoryClockRate = KP_DEVICE_MEMORY_CLOCK_KHZ;
  p->memoryBusWidth = KP_DEVICE_MEMORY_BUS_BITS;
  p->l2CacheSize = KP_DEVICE_L2_BYTES;
  p->persistingL2CacheMaxSize = KP_DEVICE_L2_BYTES / 2;
  p->maxThreadsPerMultiProcessor = KP_DEVICE_MAX_THREADS_PER_SM;
  p->streamPrioritiesSupported = 1;
  p->globalL1CacheSupported = 1;
  p->localL1CacheSupported = 1;
  p->sharedMemPerMultiprocessor = KP_DEVICE_SHARED_PER_SM;
  p->regsPerMultiprocessor = KP_DEVICE_REGISTERS_PER_SM;
  p->managedMemory = 1;
  p->concurrentManagedAccess = 1;
  p->cooperativeLaunch = 1;
  p->sharedMemPerBlockOptin = KP_DEVICE_SHARED_PER_BLOCK_OPTIN;
  p->maxBlocksPerMultiProcessor = KP_DEVICE_MAX_BLOCKS_PER_SM;
  p->accessPolicyMaxWindowSize = 134213632;
  p->reservedSharedMemPerBlock = KP_DEVICE_RESERVED_SHARED_PER_BLOCK;
  return ::kp::host::result(cudaSuccess);
}

// ---------------------------------------------------------------------------------------------------
// Streams and events: a launch or copy has finished when its call returns, so work is in order and
// synchronising is immediate; an event records the CPU clock (the emulation's time, not a GPU's).
// ---------------------------------------------------------------------------------------------------
cudaError_t cudaStreamCreate(cudaStream_t* s);
cudaError_t cudaStreamCreateWithFlags(cudaStream_t* s, unsigned flags);
cudaError_t cudaStreamDestroy(cudaStream_t s);
cudaError_t cudaStreamSynchronize(cudaStream_t s);
cudaError_t cudaStreamQuery(cudaStream_t s);
cudaError_t cudaEventCreate(cudaEvent_t* e);
cudaError_t cudaEventCreateWithFlags(cudaEvent_t* e, unsigned flags);
cudaError_t cudaEventRecord(cudaEvent_t e, cudaStream_t s = nullptr);
cudaError_t cudaEventSynchronize(cudaEvent_t e);
cudaError_t cudaEventQuery(cudaEvent_t e);
cudaError_t cudaEventElapsedTime(float* ms, cudaEvent_t start, cudaEvent_t end);
cudaError_t cudaEventDestroy(cudaEvent_t e);

// ---------------------------------------------------------------------------------------------------
// Kernels: attributes, occupancy (the Ada calculator's formula over the RTX 4090's limits), launches
// ---------------------------------------------------------------------------------------------------
namespace kp {
namespace host {
cudaError_t set_attribute(const void* function, cudaFuncAttribute attr, int value);
}
}  // namespace kp
template <class F>
inline cudaError_t cudaFuncSetAttribute(F* function, cudaFuncAttribute attr, int value) {
  return ::kp::host::set_attribute((const void*)function, attr, value);
}
template <class F>
inline cudaError_t cudaFuncSetCacheConfig(F*, int) {
  return ::kp::host::result(cudaSuccess);
}
#define cudaFuncCachePreferNone 0
#define cudaFuncCachePreferShared 1
#define cudaFuncCachePreferL1 2
#define cudaFuncCachePreferEqual 3
template <class F>
inline cudaError_t cudaOccupancyMaxActiveBlocksPerMultiprocessor(int* blocks, F*, int blockSize, size_t dynamicSmem) {
  if (blocks == nullptr || blockSize <= 0) return ::kp::host::result(cudaErrorInvalidValue);
  *blocks = ::kp::host::blocks_per_sm(blockSize, dynamicSmem);
  return ::kp::host::result(cudaSuccess);
}
template <class F>
inline cudaError_t cudaOccupancyMaxPotentialBlockSize(int* minGridSize, int* blockSize, F*, size_t dynamicSmem = 0,
                                                      int blockSizeLimit = 0) {
  int limit = blockSizeLimit > 0 && blockSizeLimit < KP_DEVICE_MAX_THREADS_PER_BLOCK ? blockSizeLimit
                                                                                      : KP_DEVICE_MAX_THREADS_PER_BLOCK;
  int best = 0, bestThreads = 0;
  for (int b = KP_DEVICE_WARP_SIZE; b <= limit; b += KP_DEVICE_WARP_SIZE) {
    int threads = ::kp::host::blocks_per_sm(b, dynamicSmem) * b;
    if (threads >= bestThreads) bestThreads = threads, best = b;
  }
  *blockSize = best;
  *minGridSize = best > 0 ? ::kp::host::blocks_per_sm(best, dynamicSmem) * KP_DEVICE_SM_COUNT : 0;
  return ::kp::host::result(cudaSuccess);
}

template <class... P>
inline cudaError_t kp_launch_kernel(void (*kernel)(P...), dim3 grid, dim3 block, void** args, size_t smem,
                                    bool cooperative, const char* file, int line) {
  return ::kp::host::launch_slots(kernel, ::kp::host::name_of((const void*)kernel), grid, block, args, smem, cooperative, file, line,
                                  std::index_sequence_for<P...>{});
}
inline cudaError_t kp_launch_kernel(const void* kernel, dim3 grid, dim3 block, void** args, size_t smem,
                                    bool cooperative, const char* file, int line) {
  return ::kp::host::launch_by_address(kernel, grid, block, args, smem, cooperative, file, line);
}
namespace kp {
namespace host {
inline size_t smem_of(size_t smem = 0, cudaStream_t = nullptr) { return smem; }
}  // namespace host
}  // namespace kp
#define cudaLaunchKernel(kernel, grid, block, args, ...) \
  kp_launch_kernel((kernel), dim3(grid), dim3(block), (void**)(args), ::kp::host::smem_of(__VA_ARGS__), false, __FILE__, __LINE__)
#define cudaLaunchCooperativeKernel(kernel, grid, block, args, ...) \
  kp_launch_kernel((kernel), dim3(grid), dim3(block), (void**)(args), ::kp::host::smem_of(__VA_ARGS__), true, __FILE__, __LINE__)
