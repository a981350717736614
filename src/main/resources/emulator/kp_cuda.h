// kp_cuda.h — the Kernel Playground's CUDA emulation header.
//
// A .cu file is compiled by the host C++ compiler with this header included first. Each CUDA thread runs
// as a fiber on a CPU thread; the fibers of one block share one CPU thread, which is why `__shared__`
// variables are `static thread_local`: one copy per CPU thread is one copy per running block. Kernel
// pointer parameters are rewritten (by the Java side) into kp::gptr<T>, a pointer that knows its buffer and
// checks every access through it. docs/emulator.md explains the whole design.
#pragma once
#define KP_EMULATOR_VERSION 1
#define KP_EMULATOR 1  // a .cu file can keep host-only code out with #ifndef KP_EMULATOR

// Everything the emulator and its driver include comes first: the macros below must not reach
// into the standard library's headers (which spell __noinline__, for one).
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdarg>
#include <fcntl.h>
#include <mutex>
#include <pthread.h>
#include <signal.h>
#include <string>
#include <sys/mman.h>
#include <thread>
#include <ucontext.h>
#include <unistd.h>
#include <vector>
#include <cassert>
#include <cfloat>
#include <chrono>
#include <climits>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <math.h>
#include <type_traits>
#include <utility>

// ---------------------------------------------------------------------------------------------------
// Qualifiers and attributes
// ---------------------------------------------------------------------------------------------------
#define __global__
#define __device__
#define __host__
#define __constant__
#define __managed__
#define __forceinline__ inline __attribute__((always_inline))
#define __noinline__ __attribute__((noinline))
#define __launch_bounds__(...)
#define __align__(n) __attribute__((aligned(n)))
#define __grid_constant__
#define __shared__ static thread_local
#define __CUDACC__ 1
#define __CUDA_ARCH__ 890
#define CUDART_VERSION 12000

// ---------------------------------------------------------------------------------------------------
// Vector types. Unlike CUDA's, they are aligned like their elements: kernel buffers end exactly at a
// guard page (so the first byte past the end faults), which leaves their start only 4-byte aligned.
// ---------------------------------------------------------------------------------------------------
#define KP_VEC2(T, N, A)                                                  \
  struct N##2 { T x, y; };                    \
  inline N##2 make_##N##2(T x, T y) { return N##2{x, y}; }
#define KP_VEC3(T, N)                                                     \
  struct N##3 { T x, y, z; };                                             \
  inline N##3 make_##N##3(T x, T y, T z) { return N##3{x, y, z}; }
#define KP_VEC4(T, N, A)                                                  \
  struct N##4 { T x, y, z, w; };              \
  inline N##4 make_##N##4(T x, T y, T z, T w) { return N##4{x, y, z, w}; }
#define KP_VEC1(T, N)                                                     \
  struct N##1 { T x; };                                                   \
  inline N##1 make_##N##1(T x) { return N##1{x}; }

KP_VEC1(float, float) KP_VEC2(float, float, 8) KP_VEC3(float, float) KP_VEC4(float, float, 16)
KP_VEC1(int, int) KP_VEC2(int, int, 8) KP_VEC3(int, int) KP_VEC4(int, int, 16)
KP_VEC1(unsigned, uint) KP_VEC2(unsigned, uint, 8) KP_VEC3(unsigned, uint) KP_VEC4(unsigned, uint, 16)
KP_VEC2(double, double, 16) KP_VEC3(double, double) KP_VEC4(double, double, 16)
KP_VEC2(short, short, 4) KP_VEC4(short, short, 8)
KP_VEC2(unsigned short, ushort, 4) KP_VEC4(unsigned short, ushort, 8)
KP_VEC2(signed char, char, 2) KP_VEC4(signed char, char, 4)
KP_VEC2(unsigned char, uchar, 2) KP_VEC4(unsigned char, uchar, 4)
KP_VEC2(long long, longlong, 16) KP_VEC2(unsigned long long, ulonglong, 16)

struct dim3 {
  unsigned x, y, z;
  constexpr dim3(unsigned x_ = 1, unsigned y_ = 1, unsigned z_ = 1) : x(x_), y(y_), z(z_) {}
  constexpr dim3(uint3 v) : x(v.x), y(v.y), z(v.z) {}
  constexpr operator uint3() const { return uint3{x, y, z}; }
};

constexpr int warpSize = 32;

// ---------------------------------------------------------------------------------------------------
// The running thread: built-in variables
// ---------------------------------------------------------------------------------------------------
namespace kp {
struct Fiber {
  void* sp;          // saved stack pointer while switched out
  uint3 tid;         // threadIdx
  unsigned linear;   // x + y·bx + z·bx·by
  int state;         // see driver
  int line;          // source line of the barrier it waits at
  int vote;          // predicate for __syncthreads_count/and/or
  char* stackLow;    // lowest usable stack byte (a guard page lies below)
};

// The running fiber, its block and the launch's shape (defined in kp_driver.cpp). __thread, not
// thread_local: plain TLS without C++'s lazy-initialisation wrapper, so reading threadIdx stays cheap.
extern __thread Fiber* t_fiber;
extern __thread uint3 t_blockIdx;
extern __thread char* t_dynamicSmem;
extern dim3 g_blockDim;
extern dim3 g_gridDim;

extern __thread long long t_blockSerial;  // counts the blocks a CPU thread has run, from 1

inline void* dynamic_smem() { return t_dynamicSmem; }
// The same, naming the `extern __shared__` array for reports (driver).
void name_dynamic_smem(const char* name, const char* type, size_t elem);
inline void* dynamic_smem(const char* name, const char* type, size_t elem) {
  name_dynamic_smem(name, type, elem);
  return t_dynamicSmem;
}

// The profiler (kp_profile.cpp) is linked only into binaries built for --profile; elsewhere these weak
// references are null and cost one test each. profile_shared learns where a block's __shared__ variable lies,
// profile_tensor counts a warp's WMMA arithmetic (each lane adds its 1/32 share).
void profile_shared(const void* base, size_t bytes) __attribute__((weak));
void profile_tensor(long long flops, int fp32Accumulate) __attribute__((weak));

// The first thread of a block to reach a `__shared__` declaration fills the variable with 0xFF bytes
// (NaN as float, -1 as int): reading shared memory the block never wrote shows, instead of silently
// giving the previous block's values. (The rewriting puts one call after each declaration.)
inline void poison_shared(void* variable, size_t bytes, long long* filledInBlock) {
  if (*filledInBlock != t_blockSerial) {
    *filledInBlock = t_blockSerial;
    std::memset(variable, 0xff, bytes);
    if (profile_shared) profile_shared(variable, bytes);
  }
}

// A `__shared__` array's name, element type and shape, for reports (driver). Kernel-local arrays are
// named by the first thread on each CPU thread that reaches their declaration; file-scope ones by a
// static registrar that knows how to find the running CPU thread's copy.
void name_shared(const void* base, size_t bytes, const char* name, const char* type, size_t elem, int rank,
                 const size_t* dims);
void name_shared_global(void* (*where)(), size_t bytes, const char* name, const char* type, size_t elem, int rank,
                        const size_t* dims);

// An index past a `__shared__` array's bound (in any dimension). The driver notes which and gives back an
// address in a page that cannot be touched: the access itself then faults, so the report can say whether it
// was a read or a write, at the user's line; `&s[N]` as an end pointer is not an access and passes.
__attribute__((noinline, cold)) void* shared_out_of_bounds(const void* row, long long index, size_t bound,
                                                           size_t rowBytes);

// The shared-memory sanitizer (racecheck and initcheck; off with --no-sanitize, KP_EMULATOR_SANITIZE=0).
// Every read and write of a `__shared__` array element of arithmetic type goes through sref below, which tells
// the driver (shared_read/shared_write, kp_driver.cpp: a shadow cell per element) who touched it, where and
// in which barrier interval.
extern bool g_sanitize;
__attribute__((noinline)) void shared_read(const void* at);
__attribute__((noinline)) void shared_write(const void* at);

// One element of a `__shared__` array: reads through the conversion to T, writes through =, +=, ++...
// `&s[i]` is the plain T* (atomics and pointers through it are not watched).
template <class T>
struct sref {
  T* p;
  __attribute__((always_inline)) operator T() const {
    if (g_sanitize) shared_read(p);
    return *p;
  }
  __attribute__((always_inline)) const sref& operator=(T v) const {
    if (g_sanitize) shared_write(p);
    *p = v;
    return *this;
  }
  __attribute__((always_inline)) const sref& operator=(const sref& o) const { return *this = T(o); }
  T* operator&() const { return p; }
#define KP_SREF_OP(op)                                                                  \
  template <class U>                                                                    \
  __attribute__((always_inline)) const sref& operator op##=(const U& v) const {         \
    T x = T(*this);                                                                     \
    x op## = v;                                                                         \
    return *this = x;                                                                   \
  }
  KP_SREF_OP(+) KP_SREF_OP(-) KP_SREF_OP(*) KP_SREF_OP(/) KP_SREF_OP(%) KP_SREF_OP(&) KP_SREF_OP(|)
  KP_SREF_OP(^) KP_SREF_OP(<<) KP_SREF_OP(>>)
#undef KP_SREF_OP
  const sref& operator++() const { T x = T(*this); ++x; return *this = x; }
  const sref& operator--() const { T x = T(*this); --x; return *this = x; }
  T operator++(int) const { T x = T(*this); T y = x; ++y; *this = y; return x; }
  T operator--(int) const { T x = T(*this); T y = x; --y; *this = y; return x; }
};
// What a template (a shuffle, printf's arguments) gets for s[i]: the value.
template <class T> __attribute__((always_inline)) inline T value_of(const sref<T>& r) { return T(r); }
template <class T> __attribute__((always_inline)) inline T value_of(sref<T>& r) { return T(r); }
template <class T> __attribute__((always_inline)) inline T value_of(sref<T>&& r) { return T(r); }
template <class T> __attribute__((always_inline)) inline T&& value_of(T&& v) { return std::forward<T>(v); }

// `__shared__ float s[A][B];` becomes `__shared__ kp::sarr<kp::sarr<float, B>, A> s;`: the same bytes, every
// index of every dimension checked. It decays to a plain pointer (T*) where one is needed.
template <class T, size_t N>
struct sarr {
  T v[N];
  using value_type = T;
  static constexpr bool watched = std::is_arithmetic_v<T>;
  using ref = std::conditional_t<watched, sref<T>, T&>;
  using cref = std::conditional_t<watched, sref<T>, const T&>;
  template <class I, class = std::enable_if_t<std::is_integral_v<I> || std::is_enum_v<I>>>
  __attribute__((always_inline)) ref operator[](I i) {
    T* at = __builtin_expect((unsigned long long)(long long)i >= N, 0)
                ? static_cast<T*>(shared_out_of_bounds(this, (long long)i, N, sizeof(*this)))
                : v + i;
    if constexpr (watched) return sref<T>{at}; else return *at;
  }
  template <class I, class = std::enable_if_t<std::is_integral_v<I> || std::is_enum_v<I>>>
  __attribute__((always_inline)) cref operator[](I i) const {
    T* at = __builtin_expect((unsigned long long)(long long)i >= N, 0)
                ? static_cast<T*>(shared_out_of_bounds(this, (long long)i, N, sizeof(*this)))
                : const_cast<T*>(v + i);
    if constexpr (watched) return sref<T>{at}; else return *at;
  }
  operator T*() { return v; }
  operator const T*() const { return v; }
  T* begin() { return v; }
  T* end() { return v + N; }
  const T* begin() const { return v; }
  const T* end() const { return v + N; }
};

template <class T> struct sarr_shape { using elem = T; static constexpr int rank = 0; };
template <class T, size_t N> struct sarr_shape<sarr<T, N>> {
  using elem = typename sarr_shape<T>::elem;
  static constexpr int rank = 1 + sarr_shape<T>::rank;
};
template <class A> inline void fill_dims(size_t* d) {
  if constexpr (sarr_shape<A>::rank > 0) {
    d[0] = sizeof(A) / sizeof(typename A::value_type);
    fill_dims<typename A::value_type>(d + 1);
  }
}
template <class T> inline const char* type_name(const char* written) {
  using U = std::remove_cv_t<T>;
  if constexpr (std::is_same_v<U, float>) return "float";
  else if constexpr (std::is_same_v<U, double>) return "double";
  else if constexpr (std::is_same_v<U, int>) return "int";
  else if constexpr (std::is_same_v<U, unsigned>) return "unsigned int";
  else if constexpr (std::is_same_v<U, long long>) return "long long";
  else if constexpr (std::is_same_v<U, unsigned long long>) return "unsigned long long";
  else if constexpr (std::is_same_v<U, short>) return "short";
  else if constexpr (std::is_same_v<U, char>) return "char";
  else if constexpr (std::is_same_v<U, unsigned char>) return "unsigned char";
  else return written;
}
// Called after a kernel-local `__shared__` array's declaration (with poison_shared).
// What a shared array type A's declaration says of its layout, in the order name_shared takes it after the name.
template <class A>
struct SharedLayout {
  using E = typename sarr_shape<A>::elem;
  const char* type;
  size_t dims[8] = {0};
  explicit SharedLayout(const char* written) : type(type_name<E>(written)) { fill_dims<A>(dims); }
};
template <class A>
inline void name_shared_array(A* a, const char* name, const char* written, long long* named) {
  if (*named == 0) {
    *named = 1;
    SharedLayout<A> l(written);
    name_shared(a, sizeof(A), name, l.type, sizeof(typename SharedLayout<A>::E), sarr_shape<A>::rank, l.dims);
  }
}
template <class A>
struct SharedRegistrar {
  SharedRegistrar(void* (*where)(), const char* name, const char* written) {
    SharedLayout<A> l(written);
    name_shared_global(where, sizeof(A), name, l.type, sizeof(typename SharedLayout<A>::E), sarr_shape<A>::rank, l.dims);
  }
};

// `extern __shared__ T name[];` in a kernel becomes `kp::sptr<T> name = ...` (the launch's dynamic shared
// memory); at namespace scope `kp::DynamicShared<T> name;`, which makes one where it is used. Its elements are
// watched like a __shared__ array's (name[i] is an sref), pointer arithmetic keeps it watched (`auto b = name +
// 256`), and it converts to a plain T* (`float* b = name + 256`, a cast, a device function's parameter), through
// which accesses are not watched.
template <class T>
struct sptr {
  using element_type = T;
  T* p;
  static constexpr bool watched = std::is_arithmetic_v<T>;
  using ref = std::conditional_t<watched, sref<T>, T&>;
  template <class I, class = std::enable_if_t<std::is_integral_v<I> || std::is_enum_v<I>>>
  __attribute__((always_inline)) ref operator[](I i) const {
    if constexpr (watched) return sref<T>{p + i}; else return p[i];
  }
  __attribute__((always_inline)) ref operator*() const { return (*this)[0]; }
  operator T*() const { return p; }
  template <class I, class = std::enable_if_t<std::is_integral_v<I>>>
  sptr operator+(I i) const { return sptr{p + i}; }
  template <class I, class = std::enable_if_t<std::is_integral_v<I>>>
  sptr operator-(I i) const { return sptr{p - i}; }
  template <class I, class = std::enable_if_t<std::is_integral_v<I>>>
  friend sptr operator+(I i, const sptr& s) { return sptr{s.p + i}; }
  std::ptrdiff_t operator-(const sptr& o) const { return p - o.p; }
  template <class I>
  sptr& operator+=(I i) { p += i; return *this; }
  template <class I>
  sptr& operator-=(I i) { p -= i; return *this; }
  sptr& operator++() { ++p; return *this; }
  sptr& operator--() { --p; return *this; }
  sptr operator++(int) { sptr old = *this; ++p; return old; }
  sptr operator--(int) { sptr old = *this; --p; return old; }
};

template <class T>
struct DynamicShared {
  using element_type = T;
  operator T*() const { return reinterpret_cast<T*>(t_dynamicSmem); }
  template <class I, class = std::enable_if_t<std::is_integral_v<I> || std::is_enum_v<I>>>
  __attribute__((always_inline)) typename sptr<T>::ref operator[](I i) const {
    return sptr<T>{reinterpret_cast<T*>(t_dynamicSmem)}[i];
  }
};

// Implemented by the driver (kp_driver.cpp).
void syncthreads(int line);
int syncthreads_vote(int line, int predicate, int how);
[[noreturn]] void trap(const char* what, int line);

template <class...>
constexpr bool always_false = false;
}  // namespace kp

#define threadIdx (::kp::t_fiber->tid)
#define blockIdx (::kp::t_blockIdx)
#define blockDim (::kp::g_blockDim)
#define gridDim (::kp::g_gridDim)

#define __syncthreads() ::kp::syncthreads(__LINE__)
#define __syncthreads_count(p) ::kp::syncthreads_vote(__LINE__, (p), 0)
#define __syncthreads_and(p) ::kp::syncthreads_vote(__LINE__, (p), 1)
#define __syncthreads_or(p) ::kp::syncthreads_vote(__LINE__, (p), 2)
#define __trap() ::kp::trap("__trap() was called", __LINE__)
#undef assert
#define assert(c) ((c) ? (void)0 : ::kp::trap("assert(" #c ") failed", __LINE__))

inline void __threadfence() { std::atomic_thread_fence(std::memory_order_seq_cst); }
inline void __threadfence_block() { std::atomic_thread_fence(std::memory_order_seq_cst); }
inline void __threadfence_system() { std::atomic_thread_fence(std::memory_order_seq_cst); }
inline long long clock64() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// ---------------------------------------------------------------------------------------------------
// Checked global pointers
// ---------------------------------------------------------------------------------------------------
namespace kp {
// Reports an access outside a kernel argument's buffer and ends the process (driver).
// Reports a vector access (float2, float4, ...) at an address a GPU could not load it from.
[[noreturn]] __attribute__((noinline, cold)) void misaligned(int arg, const void* at, size_t bytes, size_t align,
                                                             const char* lo);

// The alignment a GPU needs for an access of type T (buffers start 256-byte aligned there).
template <class T> struct gpu_align { static constexpr size_t value = alignof(T); };
template <> struct gpu_align<float2> { static constexpr size_t value = 8; };
template <> struct gpu_align<int2> { static constexpr size_t value = 8; };
template <> struct gpu_align<uint2> { static constexpr size_t value = 8; };
template <> struct gpu_align<float4> { static constexpr size_t value = 16; };
template <> struct gpu_align<int4> { static constexpr size_t value = 16; };
template <> struct gpu_align<uint4> { static constexpr size_t value = 16; };
template <> struct gpu_align<double2> { static constexpr size_t value = 16; };
template <> struct gpu_align<longlong2> { static constexpr size_t value = 16; };
template <> struct gpu_align<ulonglong2> { static constexpr size_t value = 16; };

[[noreturn]] __attribute__((noinline, cold)) void out_of_bounds(int arg, const void* at, size_t bytes,
                                                                 const char* lo, const char* hi);

// A kernel's pointer parameter: the pointer plus the byte range of the buffer it points into. Every
// p[i], *p and p->m checks the range; arithmetic keeps it. It converts to a plain T* where a plain pointer
// is needed (a __device__ function's parameter, a local `float* row = A + i`): accesses through that
// plain pointer are caught only when they leave the buffer into its guard pages.
template <class T>
struct gptr {
  using element_type = T;
  T* p;
  const char* lo;
  const char* hi;
  int arg;

  gptr() = default;
  gptr(T* p_, const char* lo_, const char* hi_, int arg_) : p(p_), lo(lo_), hi(hi_), arg(arg_) {}
  gptr(std::nullptr_t) : p(nullptr), lo(nullptr), hi(nullptr), arg(-1) {}
  template <class U, class = std::enable_if_t<std::is_convertible_v<U*, T*>>>
  gptr(const gptr<U>& o) : p(o.p), lo(o.lo), hi(o.hi), arg(o.arg) {}

  __attribute__((always_inline)) T& at(T* q) const {
    const char* c = reinterpret_cast<const char*>(q);
    if (__builtin_expect(c < lo || c + sizeof(T) > hi, 0)) {
      out_of_bounds(arg, c, sizeof(T), lo, hi);
    }
    constexpr size_t align = gpu_align<std::remove_cv_t<T>>::value;
    if constexpr (align >= 8) {
      if (__builtin_expect((size_t(c - lo) & (align - 1)) != 0, 0)) misaligned(arg, c, sizeof(T), align, lo);
    }
    return *q;
  }
  operator T*() const { return p; }
  template <class I, class = std::enable_if_t<std::is_integral_v<I> || std::is_enum_v<I>>>
  __attribute__((always_inline)) T& operator[](I i) const { return at(p + i); }
  __attribute__((always_inline)) T& operator*() const { return at(p); }
  __attribute__((always_inline)) T* operator->() const { return &at(p); }
  template <class I, class = std::enable_if_t<std::is_integral_v<I>>>
  gptr operator+(I i) const { return gptr(p + i, lo, hi, arg); }
  template <class I, class = std::enable_if_t<std::is_integral_v<I>>>
  gptr operator-(I i) const { return gptr(p - i, lo, hi, arg); }
  template <class I, class = std::enable_if_t<std::is_integral_v<I>>>
  friend gptr operator+(I i, const gptr& g) { return gptr(g.p + i, g.lo, g.hi, g.arg); }
  std::ptrdiff_t operator-(const gptr& o) const { return p - o.p; }
  std::ptrdiff_t operator-(const T* o) const { return p - o; }
  template <class I>
  gptr& operator+=(I i) { p += i; return *this; }
  template <class I>
  gptr& operator-=(I i) { p -= i; return *this; }
  gptr& operator++() { ++p; return *this; }
  gptr& operator--() { --p; return *this; }
  gptr operator++(int) { gptr old = *this; ++p; return old; }
  gptr operator--(int) { gptr old = *this; --p; return old; }
};

template <class T> struct is_gptr : std::false_type {};
template <class E> struct is_gptr<gptr<E>> : std::true_type {};
template <class T> struct is_sarr : std::false_type {};
template <class E, size_t N> struct is_sarr<sarr<E, N>> : std::true_type {};
template <class T> struct is_dynamic_shared : std::false_type {};
template <class E> struct is_dynamic_shared<DynamicShared<E>> : std::true_type {};
template <class T> struct is_sptr : std::false_type {};
template <class E> struct is_sptr<sptr<E>> : std::true_type {};

// reinterpret_cast, made to keep a checked pointer checked: reinterpret_cast<float4*>(A) of a
// gptr<float> is a gptr<float4> over the same bytes.
template <class T, class U>
__attribute__((always_inline)) inline decltype(auto) rcast(U&& u) {
  using D = std::decay_t<U>;
  if constexpr (is_gptr<D>::value && std::is_pointer_v<T>) {
    return gptr<std::remove_pointer_t<T>>(reinterpret_cast<T>(u.p), u.lo, u.hi, u.arg);
  } else if constexpr (is_gptr<D>::value && std::is_integral_v<T>) {
    return reinterpret_cast<T>(u.p);  // an address as a number, e.g. for an alignment test
  } else if constexpr (is_dynamic_shared<D>::value) {
    return reinterpret_cast<T>(static_cast<typename D::element_type*>(u));
  } else if constexpr (is_sarr<D>::value) {
    return reinterpret_cast<T>(u.v);
  } else if constexpr (is_sptr<D>::value) {
    return reinterpret_cast<T>(u.p);
  } else {
    return reinterpret_cast<T>(u);
  }
}
}  // namespace kp
#define reinterpret_cast ::kp::rcast

template <class T>
inline T __ldg(const T* p) { return *p; }
template <class T>
inline std::remove_cv_t<T> __ldg(const kp::gptr<T>& p) { return *p; }
#define __ldcg __ldg
#define __ldca __ldg
#define __ldcs __ldg
#define __ldlu __ldg
#define __ldcv __ldg
template <class P, class T>
inline void __stcg(P p, T v) { *p = v; }
#define __stcs __stcg
#define __stwb __stcg
#define __stwt __stcg

// ---------------------------------------------------------------------------------------------------
// Atomics (blocks run on several CPU threads at once, so these are real atomics)
// ---------------------------------------------------------------------------------------------------
namespace kp {
template <class T, class F>
inline T atomic_update(T* a, F f) {
  T old = __atomic_load_n(a, __ATOMIC_RELAXED);
  while (!__atomic_compare_exchange_n(a, &old, f(old), true, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) {
  }
  return old;
}
template <class T, class F>
inline T atomic_update_float(T* a, F f) {
  using B = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;
  B* bits = reinterpret_cast<B*>(a);
  B old = __atomic_load_n(bits, __ATOMIC_RELAXED);
  while (true) {
    T oldValue, newValue;
    std::memcpy(&oldValue, &old, sizeof(T));
    newValue = f(oldValue);
    B desired;
    std::memcpy(&desired, &newValue, sizeof(T));
    if (__atomic_compare_exchange_n(bits, &old, desired, true, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) {
      return oldValue;
    }
  }
}
}  // namespace kp

#define KP_ATOMIC_INT(T)                                                                              \
  inline T atomicAdd(T* a, T v) { return __atomic_fetch_add(a, v, __ATOMIC_SEQ_CST); }                \
  inline T atomicSub(T* a, T v) { return __atomic_fetch_sub(a, v, __ATOMIC_SEQ_CST); }                \
  inline T atomicExch(T* a, T v) { return __atomic_exchange_n(a, v, __ATOMIC_SEQ_CST); }              \
  inline T atomicAnd(T* a, T v) { return __atomic_fetch_and(a, v, __ATOMIC_SEQ_CST); }                \
  inline T atomicOr(T* a, T v) { return __atomic_fetch_or(a, v, __ATOMIC_SEQ_CST); }                  \
  inline T atomicXor(T* a, T v) { return __atomic_fetch_xor(a, v, __ATOMIC_SEQ_CST); }                \
  inline T atomicMax(T* a, T v) { return kp::atomic_update(a, [v](T o) { return o < v ? v : o; }); } \
  inline T atomicMin(T* a, T v) { return kp::atomic_update(a, [v](T o) { return v < o ? v : o; }); } \
  inline T atomicCAS(T* a, T compare, T v) {                                                          \
    __atomic_compare_exchange_n(a, &compare, v, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);            \
    return compare;                                                                                   \
  }
KP_ATOMIC_INT(int)
KP_ATOMIC_INT(unsigned int)
KP_ATOMIC_INT(unsigned long long)
KP_ATOMIC_INT(long long)
inline float atomicAdd(float* a, float v) { return kp::atomic_update_float(a, [v](float o) { return o + v; }); }
inline double atomicAdd(double* a, double v) {
  return kp::atomic_update_float(a, [v](double o) { return o + v; });
}
inline float atomicExch(float* a, float v) { return kp::atomic_update_float(a, [v](float) { return v; }); }
inline float atomicMax(float* a, float v) {
  return kp::atomic_update_float(a, [v](float o) { return fmaxf(o, v); });
}
inline float atomicMin(float* a, float v) {
  return kp::atomic_update_float(a, [v](float o) { return fminf(o, v); });
}
inline unsigned atomicInc(unsigned* a, unsigned limit) {
  return kp::atomic_update(a, [limit](unsigned o) { return o >= limit ? 0u : o + 1; });
}
inline unsigned atomicDec(unsigned* a, unsigned limit) {
  return kp::atomic_update(a, [limit](unsigned o) { return (o == 0 || o > limit) ? limit : o - 1; });
}
// The same through a checked pointer: atomicAdd(C + i, v) checks C + i first.
#define KP_ATOMIC_GPTR(NAME)                                                       \
  template <class T, class... V>                                                   \
  inline auto NAME(const kp::gptr<T>& p, V... v) -> decltype(NAME(p.p, T(v)...)) { \
    return NAME(&*p, T(v)...);                                                     \
  }
KP_ATOMIC_GPTR(atomicAdd) KP_ATOMIC_GPTR(atomicSub) KP_ATOMIC_GPTR(atomicExch) KP_ATOMIC_GPTR(atomicAnd)
KP_ATOMIC_GPTR(atomicOr) KP_ATOMIC_GPTR(atomicXor) KP_ATOMIC_GPTR(atomicMax) KP_ATOMIC_GPTR(atomicMin)
KP_ATOMIC_GPTR(atomicCAS) KP_ATOMIC_GPTR(atomicInc) KP_ATOMIC_GPTR(atomicDec)
#define atomicAdd_block atomicAdd
#define atomicAdd_system atomicAdd
#define atomicMax_block atomicMax
#define atomicMin_block atomicMin
#define atomicCAS_block atomicCAS
#define atomicExch_block atomicExch

// ---------------------------------------------------------------------------------------------------
// Math functions and intrinsics (the fast __ versions are computed exactly here)
// ---------------------------------------------------------------------------------------------------
template <class A, class B>
inline std::common_type_t<A, B> min(A a, B b) {
  using C = std::common_type_t<A, B>;
  return C(b) < C(a) ? C(b) : C(a);
}
template <class A, class B>
inline std::common_type_t<A, B> max(A a, B b) {
  using C = std::common_type_t<A, B>;
  return C(a) < C(b) ? C(b) : C(a);
}
inline float __expf(float x) { return expf(x); }
inline float __exp10f(float x) { return exp10f(x); }
inline float __logf(float x) { return logf(x); }
inline float __log2f(float x) { return log2f(x); }
inline float __log10f(float x) { return log10f(x); }
inline float __powf(float x, float y) { return powf(x, y); }
inline float __sinf(float x) { return sinf(x); }
inline float __cosf(float x) { return cosf(x); }
inline float __tanf(float x) { return tanf(x); }
inline void __sincosf(float x, float* s, float* c) { sincosf(x, s, c); }
inline float __fdividef(float a, float b) { return a / b; }
inline float __fdiv_rn(float a, float b) { return a / b; }
inline float __frcp_rn(float x) { return 1.0f / x; }
inline float __fsqrt_rn(float x) { return sqrtf(x); }
inline float __frsqrt_rn(float x) { return 1.0f / sqrtf(x); }
inline float rsqrtf(float x) { return 1.0f / sqrtf(x); }
inline double rsqrt(double x) { return 1.0 / sqrt(x); }
inline float rcbrtf(float x) { return 1.0f / cbrtf(x); }
inline float __fadd_rn(float a, float b) { return a + b; }
inline float __fsub_rn(float a, float b) { return a - b; }
inline float __fmul_rn(float a, float b) { return a * b; }
inline float __fmaf_rn(float a, float b, float c) { return fmaf(a, b, c); }
inline float __fadd_rz(float a, float b) { return a + b; }
inline float __fmul_rz(float a, float b) { return a * b; }
inline double __dadd_rn(double a, double b) { return a + b; }
inline double __dmul_rn(double a, double b) { return a * b; }
inline double __fma_rn(double a, double b, double c) { return fma(a, b, c); }
inline float __saturatef(float x) { return x > 0.0f ? (x < 1.0f ? x : 1.0f) : 0.0f; }
inline float saturatef(float x) { return __saturatef(x); }
inline float normcdff(float x) { return 0.5f * erfcf(-x * 0.70710678f); }
inline float exp10f_(float x) { return exp10f(x); }
inline int __float_as_int(float x) { int r; std::memcpy(&r, &x, 4); return r; }
inline unsigned __float_as_uint(float x) { unsigned r; std::memcpy(&r, &x, 4); return r; }
inline float __int_as_float(int x) { float r; std::memcpy(&r, &x, 4); return r; }
inline float __uint_as_float(unsigned x) { float r; std::memcpy(&r, &x, 4); return r; }
inline long long __double_as_longlong(double x) { long long r; std::memcpy(&r, &x, 8); return r; }
inline double __longlong_as_double(long long x) { double r; std::memcpy(&r, &x, 8); return r; }
inline int __float2int_rn(float x) { return int(nearbyintf(x)); }
inline int __float2int_rz(float x) { return int(x); }
inline int __float2int_rd(float x) { return int(floorf(x)); }
inline int __float2int_ru(float x) { return int(ceilf(x)); }
inline unsigned __float2uint_rn(float x) { return unsigned(nearbyintf(x)); }
inline unsigned __float2uint_rz(float x) { return unsigned(x); }
inline long long __float2ll_rn(float x) { return (long long)(nearbyintf(x)); }
inline float __int2float_rn(int x) { return float(x); }
inline float __uint2float_rn(unsigned x) { return float(x); }
inline float __ll2float_rn(long long x) { return float(x); }
inline int __double2int_rn(double x) { return int(nearbyint(x)); }
inline float __double2float_rn(double x) { return float(x); }
inline int __popc(unsigned x) { return __builtin_popcount(x); }
inline int __popcll(unsigned long long x) { return __builtin_popcountll(x); }
inline int __clz(int x) { return x == 0 ? 32 : __builtin_clz(unsigned(x)); }
inline int __clzll(long long x) { return x == 0 ? 64 : __builtin_clzll((unsigned long long)x); }
inline int __ffs(int x) { return __builtin_ffs(x); }
inline int __ffsll(long long x) { return __builtin_ffsll(x); }
inline unsigned __brev(unsigned x) {
  x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
  x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
  x = ((x >> 4) & 0x0F0F0F0Fu) | ((x & 0x0F0F0F0Fu) << 4);
  return __builtin_bswap32(x);
}
inline int __mul24(int a, int b) { return a * b; }
inline unsigned __umul24(unsigned a, unsigned b) { return a * b; }
inline int __mulhi(int a, int b) { return int(((long long)a * b) >> 32); }
inline unsigned __umulhi(unsigned a, unsigned b) { return unsigned(((unsigned long long)a * b) >> 32); }
inline long long __mul64hi(long long a, long long b) { return (long long)(((__int128)a * b) >> 64); }
inline unsigned long long __umul64hi(unsigned long long a, unsigned long long b) {
  return (unsigned long long)(((unsigned __int128)a * b) >> 64);
}
inline int __hadd(int a, int b) { return int(((long long)a + b) >> 1); }
inline int __rhadd(int a, int b) { return int(((long long)a + b + 1) >> 1); }
inline unsigned __funnelshift_l(unsigned lo, unsigned hi, unsigned s) {
  unsigned long long v = ((unsigned long long)hi << 32) | lo;
  return unsigned((v << (s & 31)) >> 32);
}
inline unsigned __funnelshift_r(unsigned lo, unsigned hi, unsigned s) {
  unsigned long long v = ((unsigned long long)hi << 32) | lo;
  return unsigned(v >> (s & 31));
}

// ---------------------------------------------------------------------------------------------------
// Warp collectives (implemented by the driver: every lane deposits, the last one to arrive completes)
// ---------------------------------------------------------------------------------------------------
namespace kp {
enum Collective { SHFL_IDX, SHFL_UP, SHFL_DOWN, SHFL_XOR, BALLOT, ANY, ALL, SYNCWARP, REDUCE_ADD, REDUCE_MIN,
                  REDUCE_MAX, REDUCE_AND, REDUCE_OR, REDUCE_XOR, MATCH_ANY };
uint64_t warp_collective(Collective kind, unsigned mask, uint64_t value, int arg, int width, int line);
unsigned active_mask();

template <class T>
inline T shuffle(Collective kind, unsigned mask, T var, int arg, int width, int line) {
  static_assert(sizeof(T) <= 8, "a warp shuffle moves at most 8 bytes (as on the GPU)");
  uint64_t bits = 0;
  std::memcpy(&bits, &var, sizeof(T));
  uint64_t out = warp_collective(kind, mask, bits, arg, width, line);
  T result;
  std::memcpy(&result, &out, sizeof(T));
  return result;
}
}  // namespace kp

#define __shfl_sync(mask, var, ...) ::kp::shfl_dispatch(::kp::SHFL_IDX, mask, ::kp::value_of(var), __LINE__, __VA_ARGS__)
#define __shfl_up_sync(mask, var, ...) ::kp::shfl_dispatch(::kp::SHFL_UP, mask, ::kp::value_of(var), __LINE__, __VA_ARGS__)
#define __shfl_down_sync(mask, var, ...) ::kp::shfl_dispatch(::kp::SHFL_DOWN, mask, ::kp::value_of(var), __LINE__, __VA_ARGS__)
#define __shfl_xor_sync(mask, var, ...) ::kp::shfl_dispatch(::kp::SHFL_XOR, mask, ::kp::value_of(var), __LINE__, __VA_ARGS__)
namespace kp {
template <class T>
inline T shfl_dispatch(Collective kind, unsigned mask, T var, int line, int arg, int width = 32) {
  return shuffle<T>(kind, mask, var, arg, width, line);
}
}  // namespace kp
#define __ballot_sync(mask, pred) \
  unsigned(::kp::warp_collective(::kp::BALLOT, (mask), (pred) ? 1 : 0, 0, 32, __LINE__))
#define __any_sync(mask, pred) int(::kp::warp_collective(::kp::ANY, (mask), (pred) ? 1 : 0, 0, 32, __LINE__))
#define __all_sync(mask, pred) int(::kp::warp_collective(::kp::ALL, (mask), (pred) ? 1 : 0, 0, 32, __LINE__))
#define __syncwarp(...) ::kp::syncwarp_at(__LINE__, ##__VA_ARGS__)
#define __activemask() ::kp::active_mask()
#define __reduce_add_sync(mask, v) ::kp::reduce_at(::kp::REDUCE_ADD, (mask), ::kp::value_of(v), __LINE__)
#define __reduce_min_sync(mask, v) ::kp::reduce_at(::kp::REDUCE_MIN, (mask), ::kp::value_of(v), __LINE__)
#define __reduce_max_sync(mask, v) ::kp::reduce_at(::kp::REDUCE_MAX, (mask), ::kp::value_of(v), __LINE__)
#define __reduce_and_sync(mask, v) ::kp::reduce_at(::kp::REDUCE_AND, (mask), ::kp::value_of(v), __LINE__)
#define __reduce_or_sync(mask, v) ::kp::reduce_at(::kp::REDUCE_OR, (mask), ::kp::value_of(v), __LINE__)
#define __reduce_xor_sync(mask, v) ::kp::reduce_at(::kp::REDUCE_XOR, (mask), ::kp::value_of(v), __LINE__)
#define __match_any_sync(mask, v) \
  unsigned(::kp::warp_collective(::kp::MATCH_ANY, (mask), (uint64_t)(v), 0, 32, __LINE__))
namespace kp {
inline void syncwarp_at(int line, unsigned mask = 0xffffffffu) { warp_collective(SYNCWARP, mask, 0, 0, 32, line); }
template <class T>
inline T reduce_at(Collective kind, unsigned mask, T v, int line) {
  static_assert(std::is_integral_v<T>, "__reduce_*_sync takes int or unsigned (as on the GPU)");
  uint64_t bits = std::is_signed_v<T> ? uint64_t(int64_t(v)) : uint64_t(v);
  return T(int64_t(warp_collective(kind, mask, bits, std::is_signed_v<T> ? 1 : 0, 32, line)));
}
}  // namespace kp

// ---------------------------------------------------------------------------------------------------
// fp16 and bf16
// ---------------------------------------------------------------------------------------------------
namespace kp {
inline unsigned short float_to_half_bits(float f) {
  _Float16 h = (_Float16)f;
  unsigned short b;
  std::memcpy(&b, &h, 2);
  return b;
}
inline float half_bits_to_float(unsigned short b) {
  _Float16 h;
  std::memcpy(&h, &b, 2);
  return (float)h;
}
inline unsigned short float_to_bf16_bits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  if ((u & 0x7fffffffu) > 0x7f800000u) return (unsigned short)((u >> 16) | 0x40);  // NaN stays NaN
  u += 0x7fffu + ((u >> 16) & 1u);
  return (unsigned short)(u >> 16);
}
inline float bf16_bits_to_float(unsigned short b) {
  uint32_t u = uint32_t(b) << 16;
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}
}  // namespace kp

// The two 16-bit float types, alike but for their rounding: the bits in __x, made from and read as float.
#define KP_LOWP_TYPE(H, RAW, TO_BITS, FROM_BITS)                      \
  struct RAW {                                                        \
    unsigned short x;                                                 \
  };                                                                  \
  struct H {                                                          \
    unsigned short __x;                                               \
    H() = default;                                                    \
    H(RAW r) : __x(r.x) {}                                            \
    operator RAW() const { return RAW{__x}; }                         \
    H(float f) : __x(TO_BITS(f)) {}                                   \
    H(double f) : __x(TO_BITS(float(f))) {}                           \
    H(int i) : __x(TO_BITS(float(i))) {}                              \
    H(unsigned i) : __x(TO_BITS(float(i))) {}                         \
    H(long long i) : __x(TO_BITS(float(i))) {}                        \
    operator float() const { return FROM_BITS(__x); }                 \
  };
KP_LOWP_TYPE(__half, __half_raw, kp::float_to_half_bits, kp::half_bits_to_float)
KP_LOWP_TYPE(__nv_bfloat16, __nv_bfloat16_raw, kp::float_to_bf16_bits, kp::bf16_bits_to_float)
struct __half2 { __half x, y; };
struct __nv_bfloat162 { __nv_bfloat16 x, y; };
typedef __half half;
typedef __half2 half2;
typedef __nv_bfloat16 nv_bfloat16;
typedef __nv_bfloat162 nv_bfloat162;

#define KP_LOWP_OPS(H)                                                                          \
  inline H operator+(const H& a, const H& b) { return H(float(a) + float(b)); }                \
  inline H operator-(const H& a, const H& b) { return H(float(a) - float(b)); }                \
  inline H operator*(const H& a, const H& b) { return H(float(a) * float(b)); }                \
  inline H operator/(const H& a, const H& b) { return H(float(a) / float(b)); }                \
  inline H operator-(const H& a) { H r = a; r.__x ^= 0x8000; return r; }                        \
  inline H& operator+=(H& a, const H& b) { return a = a + b; }                                  \
  inline H& operator-=(H& a, const H& b) { return a = a - b; }                                  \
  inline H& operator*=(H& a, const H& b) { return a = a * b; }                                  \
  inline H& operator/=(H& a, const H& b) { return a = a / b; }                                  \
  inline bool operator==(const H& a, const H& b) { return float(a) == float(b); }               \
  inline bool operator!=(const H& a, const H& b) { return float(a) != float(b); }               \
  inline bool operator<(const H& a, const H& b) { return float(a) < float(b); }                 \
  inline bool operator>(const H& a, const H& b) { return float(a) > float(b); }                 \
  inline bool operator<=(const H& a, const H& b) { return float(a) <= float(b); }               \
  inline bool operator>=(const H& a, const H& b) { return float(a) >= float(b); }               \
  inline H __hadd(H a, H b) { return a + b; }                                                   \
  inline H __hsub(H a, H b) { return a - b; }                                                   \
  inline H __hmul(H a, H b) { return a * b; }                                                   \
  inline H __hdiv(H a, H b) { return a / b; }                                                   \
  inline H __hfma(H a, H b, H c) { return H(fmaf(float(a), float(b), float(c))); }              \
  inline H __hneg(H a) { return -a; }                                                           \
  inline H __habs(H a) { H r = a; r.__x &= 0x7fff; return r; }                                  \
  inline H __hmax(H a, H b) { return H(fmaxf(float(a), float(b))); }                            \
  inline H __hmin(H a, H b) { return H(fminf(float(a), float(b))); }                            \
  inline bool __heq(H a, H b) { return a == b; }                                                \
  inline bool __hne(H a, H b) { return a != b; }                                                \
  inline bool __hlt(H a, H b) { return a < b; }                                                 \
  inline bool __hle(H a, H b) { return a <= b; }                                                \
  inline bool __hgt(H a, H b) { return a > b; }                                                 \
  inline bool __hge(H a, H b) { return a >= b; }                                                \
  inline bool __hisnan(H a) { return std::isnan(float(a)); }                                    \
  inline int __hisinf(H a) { float f = float(a); return std::isinf(f) ? (f > 0 ? 1 : -1) : 0; } \
  inline H hexp(H a) { return H(expf(float(a))); }                                              \
  inline H hlog(H a) { return H(logf(float(a))); }                                              \
  inline H hsqrt(H a) { return H(sqrtf(float(a))); }                                            \
  inline H hrsqrt(H a) { return H(1.0f / sqrtf(float(a))); }                                    \
  inline H hrcp(H a) { return H(1.0f / float(a)); }                                             \
  inline H htanh(H a) { return H(tanhf(float(a))); }

#define KP_LOWP2_OPS(H2, H)                                                                          \
  inline H2 operator+(const H2& a, const H2& b) { return H2{a.x + b.x, a.y + b.y}; }               \
  inline H2 operator-(const H2& a, const H2& b) { return H2{a.x - b.x, a.y - b.y}; }               \
  inline H2 operator*(const H2& a, const H2& b) { return H2{a.x * b.x, a.y * b.y}; }               \
  inline H2 operator/(const H2& a, const H2& b) { return H2{a.x / b.x, a.y / b.y}; }               \
  inline H2& operator+=(H2& a, const H2& b) { return a = a + b; }                                   \
  inline H2& operator*=(H2& a, const H2& b) { return a = a * b; }                                   \
  inline H2 __hadd2(H2 a, H2 b) { return a + b; }                                                   \
  inline H2 __hsub2(H2 a, H2 b) { return a - b; }                                                   \
  inline H2 __hmul2(H2 a, H2 b) { return a * b; }                                                   \
  inline H2 __h2div(H2 a, H2 b) { return a / b; }                                                   \
  inline H2 __hfma2(H2 a, H2 b, H2 c) { return H2{__hfma(a.x, b.x, c.x), __hfma(a.y, b.y, c.y)}; } \
  inline H2 __hmax2(H2 a, H2 b) { return H2{__hmax(a.x, b.x), __hmax(a.y, b.y)}; }                 \
  inline H2 __hmin2(H2 a, H2 b) { return H2{__hmin(a.x, b.x), __hmin(a.y, b.y)}; }                 \
  inline H2 __hneg2(H2 a) { return H2{-a.x, -a.y}; }                                                \
  inline H2 __habs2(H2 a) { return H2{__habs(a.x), __habs(a.y)}; }                                  \
  inline H2 h2exp(H2 a) { return H2{hexp(a.x), hexp(a.y)}; }                                        \
  inline H2 h2sqrt(H2 a) { return H2{hsqrt(a.x), hsqrt(a.y)}; }                                     \
  inline float __low2float(H2 a) { return float(a.x); }                                             \
  inline float __high2float(H2 a) { return float(a.y); }                                            \
  inline H __low2half(H2 a) { return a.x; }                                                         \
  inline H __high2half(H2 a) { return a.y; }                                                        \
  inline H2 __halves2half2(H a, H b) { return H2{a, b}; }                                           \
  inline H2 __half2half2(H a) { return H2{a, a}; }                                                  \
  inline H2 __lows2half2(H2 a, H2 b) { return H2{a.x, b.x}; }                                       \
  inline H2 __highs2half2(H2 a, H2 b) { return H2{a.y, b.y}; }                                      \
  inline H2 __lowhigh2highlow(H2 a) { return H2{a.y, a.x}; }

KP_LOWP_OPS(__half)
KP_LOWP_OPS(__nv_bfloat16)
KP_LOWP2_OPS(__half2, __half)
KP_LOWP2_OPS(__nv_bfloat162, __nv_bfloat16)

inline __half __float2half(float f) { return __half(f); }
inline __half __float2half_rn(float f) { return __half(f); }
inline __half __double2half(double f) { return __half(float(f)); }
inline float __half2float(__half h) { return float(h); }
inline __half __int2half_rn(int i) { return __half(float(i)); }
inline int __half2int_rn(__half h) { return int(nearbyintf(float(h))); }
inline int __half2int_rz(__half h) { return int(float(h)); }
inline __half __ushort_as_half(unsigned short b) { __half h; h.__x = b; return h; }
inline unsigned short __half_as_ushort(__half h) { return h.__x; }
inline __half __short_as_half(short b) { __half h; h.__x = (unsigned short)b; return h; }
inline short __half_as_short(__half h) { return (short)h.__x; }
inline __half2 __float2half2_rn(float f) { return __half2{__half(f), __half(f)}; }
inline __half2 __floats2half2_rn(float a, float b) { return __half2{__half(a), __half(b)}; }
inline __half2 __float22half2_rn(float2 v) { return __half2{__half(v.x), __half(v.y)}; }
inline float2 __half22float2(__half2 h) { return float2{float(h.x), float(h.y)}; }
inline __half2 make_half2(__half a, __half b) { return __half2{a, b}; }

inline __nv_bfloat16 __float2bfloat16(float f) { return __nv_bfloat16(f); }
inline __nv_bfloat16 __float2bfloat16_rn(float f) { return __nv_bfloat16(f); }
inline float __bfloat162float(__nv_bfloat16 h) { return float(h); }
inline __nv_bfloat16 __ushort_as_bfloat16(unsigned short b) { __nv_bfloat16 h; h.__x = b; return h; }
inline unsigned short __bfloat16_as_ushort(__nv_bfloat16 h) { return h.__x; }
inline __nv_bfloat162 __float2bfloat162_rn(float f) { return __nv_bfloat162{__nv_bfloat16(f), __nv_bfloat16(f)}; }
inline __nv_bfloat162 __floats2bfloat162_rn(float a, float b) {
  return __nv_bfloat162{__nv_bfloat16(a), __nv_bfloat16(b)};
}
inline float2 __bfloat1622float2(__nv_bfloat162 h) { return float2{float(h.x), float(h.y)}; }
inline __nv_bfloat162 make_bfloat162(__nv_bfloat16 a, __nv_bfloat16 b) { return __nv_bfloat162{a, b}; }
inline __nv_bfloat162 __halves2bfloat162(__nv_bfloat16 a, __nv_bfloat16 b) { return __nv_bfloat162{a, b}; }
inline __nv_bfloat162 __bfloat162bfloat162(__nv_bfloat16 a) { return __nv_bfloat162{a, a}; }
inline __nv_bfloat16 __low2bfloat16(__nv_bfloat162 a) { return a.x; }
inline __nv_bfloat16 __high2bfloat16(__nv_bfloat162 a) { return a.y; }

#define CUDART_INF_F INFINITY
#define CUDART_NAN_F NAN
#define CUDART_INF INFINITY
#define CUDART_PI_F 3.141592654f
#define CUDART_MAX_NORMAL_F FLT_MAX
#define CUDART_INF_FP16 __ushort_as_half((unsigned short)0x7C00U)
#define CUDART_MAX_NORMAL_FP16 __ushort_as_half((unsigned short)0x7BFFU)

// ---------------------------------------------------------------------------------------------------
// The profiler and WMMA: every lane of the emulator loads and stores the whole tile, which a GPU's warp moves
// once. In --profile builds a lane's own element accesses are not counted (profile_mute); the warp's lowest active
// lane counts the tile instead, as 16-byte pieces spread over the 32 lanes (kp_profile.cpp, profile_tile).
// ---------------------------------------------------------------------------------------------------
namespace kp {
void profile_mute(int on) __attribute__((weak));
void profile_tile(const void* base, int rows, int cols, unsigned ldm, unsigned elem, int colMajor, int store,
                  int line) __attribute__((weak));
struct TileCount {
  template <class P>
  TileCount(const P& p, int rows, int cols, unsigned ldm, bool colMajor, bool store, int line) {
    if (profile_mute == nullptr) return;
    profile_mute(1);
    const void* base = nullptr;
    unsigned elem = 0;
    if constexpr (is_gptr<P>::value) {
      base = p.p;
      elem = sizeof(typename P::element_type);
    } else if constexpr (std::is_pointer_v<P>) {
      base = p;
      elem = sizeof(*p);
    }
    if (base != nullptr && (t_fiber->linear & 31) == unsigned(__builtin_ctz(active_mask())))
      profile_tile(base, rows, cols, ldm, elem, colMajor, store, line);
  }
  ~TileCount() {
    if (profile_mute) profile_mute(0);
  }
};
}  // namespace kp

// ---------------------------------------------------------------------------------------------------
// nvcuda::wmma — every lane holds the whole tile (fragment element order is unspecified in CUDA, so
// element-wise loops over x[0..num_elements) behave the same); each lane computes the product itself.
// ---------------------------------------------------------------------------------------------------
namespace nvcuda {
namespace wmma {
struct row_major {};
struct col_major {};
struct matrix_a {};
struct matrix_b {};
struct accumulator {};
enum layout_t { mem_row_major, mem_col_major };
namespace precision {
struct tf32 {};
}

template <class Use, int M, int N, int K, class T, class Layout = void>
struct fragment {
  static_assert((M == 16 && N == 16 && K == 16) || (M == 32 && N == 8 && K == 16) ||
                    (M == 8 && N == 32 && K == 16) || (M == 16 && N == 16 && K == 8),
                "the emulator supports wmma shapes m16n16k16, m32n8k16, m8n32k16 and m16n16k8");
  static constexpr int rows = std::is_same_v<Use, matrix_b> ? K : M;
  static constexpr int cols = std::is_same_v<Use, matrix_a> ? K : N;
  static constexpr int num_elements = rows * cols;
  using storage_type = std::conditional_t<std::is_same_v<T, precision::tf32>, float, T>;
  using element_type = storage_type;
  storage_type x[num_elements];
};

template <class Use, int M, int N, int K, class T, class L, class V>
inline void fill_fragment(fragment<Use, M, N, K, T, L>& f, const V& v) {
  using S = typename fragment<Use, M, N, K, T, L>::storage_type;
  S value = S(v);
  for (int i = 0; i < f.num_elements; i++) f.x[i] = value;
}

// The *_sync operations are warp-wide on a GPU: the lanes meet before loading, so a tile that other lanes
// of the warp just stored is complete.
template <class Use, int M, int N, int K, class T, class L, class P>
inline void load_matrix_sync(fragment<Use, M, N, K, T, L>& f, P p, unsigned ldm, int line = __builtin_LINE()) {
  kp::syncwarp_at(line, kp::active_mask());
  static_assert(!std::is_same_v<Use, accumulator>,
                "load_matrix_sync of an accumulator needs a layout (wmma::mem_row_major or mem_col_major)");
  using F = fragment<Use, M, N, K, T, L>;
  using S = typename F::storage_type;
  kp::TileCount counted(p, F::rows, F::cols, ldm, std::is_same_v<L, col_major>, false, line);
  for (int r = 0; r < F::rows; r++)
    for (int c = 0; c < F::cols; c++)
      f.x[r * F::cols + c] = S(std::is_same_v<L, col_major> ? p[c * ldm + r] : p[r * ldm + c]);
}

template <int M, int N, int K, class T, class P>
inline void load_matrix_sync(fragment<accumulator, M, N, K, T, void>& f, P p, unsigned ldm, layout_t layout,
                             int line = __builtin_LINE()) {
  kp::syncwarp_at(line, kp::active_mask());
  kp::TileCount counted(p, M, N, ldm, layout == mem_col_major, false, line);
  for (int r = 0; r < M; r++)
    for (int c = 0; c < N; c++)
      f.x[r * N + c] = T(layout == mem_col_major ? p[c * ldm + r] : p[r * ldm + c]);
}

template <int M, int N, int K, class T, class P>
inline void store_matrix_sync(P p, const fragment<accumulator, M, N, K, T, void>& f, unsigned ldm,
                              layout_t layout, int line = __builtin_LINE()) {
  using E = std::remove_reference_t<decltype(p[0])>;
  kp::TileCount counted(p, M, N, ldm, layout == mem_col_major, true, line);
  for (int r = 0; r < M; r++)
    for (int c = 0; c < N; c++) {
      if (layout == mem_col_major)
        p[c * ldm + r] = E(f.x[r * N + c]);
      else
        p[r * ldm + c] = E(f.x[r * N + c]);
    }
}

template <int M, int N, int K, class TA, class LA, class TB, class LB, class TC, class TD>
inline void mma_sync(fragment<accumulator, M, N, K, TD, void>& d, const fragment<matrix_a, M, N, K, TA, LA>& a,
                     const fragment<matrix_b, M, N, K, TB, LB>& b,
                     const fragment<accumulator, M, N, K, TC, void>& c) {
  if (kp::profile_tensor) kp::profile_tensor(2LL * M * N * K / 32, std::is_same_v<TD, float>);
  float out[M * N];
  for (int r = 0; r < M; r++)
    for (int col = 0; col < N; col++) out[r * N + col] = float(c.x[r * N + col]);
  for (int r = 0; r < M; r++)
    for (int k = 0; k < K; k++) {
      float av = float(a.x[r * K + k]);
      for (int col = 0; col < N; col++) out[r * N + col] += av * float(b.x[k * N + col]);
    }
  for (int i = 0; i < M * N; i++) d.x[i] = TD(out[i]);
}
}  // namespace wmma
}  // namespace nvcuda

// ---------------------------------------------------------------------------------------------------
// Not available in the emulator: named so the compiler's message says so.
// ---------------------------------------------------------------------------------------------------
#define KP_UNSUPPORTED(name, why)                                                               \
  template <class... A>                                                                         \
  inline int name(A...) {                                                                       \
    static_assert(kp::always_false<A...>, "the emulator does not support " #name ": " why); \
    return 0;                                                                                   \
  }
KP_UNSUPPORTED(__shfl, "use __shfl_sync (the mask-less shuffles were removed in CUDA 9)")
KP_UNSUPPORTED(__shfl_up, "use __shfl_up_sync")
KP_UNSUPPORTED(__shfl_down, "use __shfl_down_sync")
KP_UNSUPPORTED(__shfl_xor, "use __shfl_xor_sync")
KP_UNSUPPORTED(__ballot, "use __ballot_sync")
KP_UNSUPPORTED(__any, "use __any_sync")
KP_UNSUPPORTED(__all, "use __all_sync")
KP_UNSUPPORTED(__nanosleep, "sleeping threads are not emulated")
KP_UNSUPPORTED(__match_all_sync, "not implemented")
KP_UNSUPPORTED(__prof_trigger, "not implemented")
KP_UNSUPPORTED(__pipeline_memcpy_async, "asynchronous copies are not emulated")
KP_UNSUPPORTED(__pipeline_commit, "asynchronous copies are not emulated")
KP_UNSUPPORTED(__pipeline_wait_prior, "asynchronous copies are not emulated")
KP_UNSUPPORTED(tex1Dfetch, "textures are not emulated")
KP_UNSUPPORTED(tex2D, "textures are not emulated")
KP_UNSUPPORTED(cudaMalloc, "host code does not run in the emulator: the playground allocates and launches")
KP_UNSUPPORTED(cudaMemcpy, "host code does not run in the emulator: the playground allocates and launches")
KP_UNSUPPORTED(cudaFree, "host code does not run in the emulator: the playground allocates and launches")
KP_UNSUPPORTED(cudaDeviceSynchronize, "host code does not run in the emulator")

// printf's arguments go through kp::value_of, so s[i] prints its value.
namespace kp {
template <class... A>
inline int kp_printf(const char* format, const A&... a) {
  return std::printf(format, value_of(a)...);
}
}  // namespace kp
#ifndef KP_DRIVER  // the driver's own printf-format attributes name printf
#define printf ::kp::kp_printf
#endif
