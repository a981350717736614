// What device code may call, for the device-code check (emulator/DeviceCode.java), included before the
// learner's .cu by clang's CUDA front end in syntax-only mode. The C and C++ libraries are included first,
// as host functions; then the CUDA device API is declared: clang's own device declarations of the math
// library and intrinsics, the vector types, printf, malloc/free, memcpy/memset and assert. A __global__ or
// __device__ function that calls anything else of the host (system, fopen, std::thread, a host function of
// its own file...) is refused, as nvcc refuses it. Nothing here is compiled into a kernel.
#include <cassert>
#include <climits>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#define KP_EMULATOR 1
#define CUDA_VERSION 11050
#define __global__ __attribute__((global))
#define __device__ __attribute__((device))
#define __host__ __attribute__((host))
#define __shared__ __attribute__((shared))
#define __constant__ __attribute__((constant))
#define __managed__ __attribute__((managed))
#define __forceinline__ __inline__ __attribute__((always_inline))
#define __noinline__ __attribute__((noinline))
#define __launch_bounds__(...) __attribute__((launch_bounds(__VA_ARGS__)))
#define __align__(n) __attribute__((aligned(n)))
#define __grid_constant__

#define KP_VEC2(T, N, A) struct __attribute__((aligned(A))) N##2 { T x, y; }; \
  __host__ __device__ inline N##2 make_##N##2(T x, T y) { return N##2{x, y}; }
#define KP_VEC3(T, N) struct N##3 { T x, y, z; }; \
  __host__ __device__ inline N##3 make_##N##3(T x, T y, T z) { return N##3{x, y, z}; }
#define KP_VEC4(T, N, A) struct __attribute__((aligned(A))) N##4 { T x, y, z, w; }; \
  __host__ __device__ inline N##4 make_##N##4(T x, T y, T z, T w) { return N##4{x, y, z, w}; }
#define KP_VEC1(T, N) struct N##1 { T x; }; __host__ __device__ inline N##1 make_##N##1(T x) { return N##1{x}; }
#define KP_VECS(T, N, A2, A4) KP_VEC1(T, N) KP_VEC2(T, N, A2) KP_VEC3(T, N) KP_VEC4(T, N, A4)
KP_VECS(signed char, char, 2, 4)
KP_VECS(unsigned char, uchar, 2, 4)
KP_VECS(short, short, 4, 8)
KP_VECS(unsigned short, ushort, 4, 8)
KP_VECS(int, int, 8, 16)
KP_VECS(unsigned int, uint, 8, 16)
KP_VECS(long, long, 16, 16)
KP_VECS(unsigned long, ulong, 16, 16)
KP_VECS(long long, longlong, 16, 16)
KP_VECS(unsigned long long, ulonglong, 16, 16)
KP_VECS(float, float, 8, 16)
KP_VECS(double, double, 16, 16)
typedef unsigned int cuuint32_t;
struct dim3 {
  unsigned int x, y, z;
  __host__ __device__ constexpr dim3(unsigned int vx = 1, unsigned int vy = 1, unsigned int vz = 1) : x(vx), y(vy), z(vz) {}
  __host__ __device__ constexpr dim3(uint3 v) : x(v.x), y(v.y), z(v.z) {}
  __host__ __device__ constexpr operator uint3() const { return uint3{x, y, z}; }
};

#include <__clang_cuda_builtin_vars.h>
#include <__clang_cuda_libdevice_declares.h>
#include <__clang_cuda_device_functions.h>
#include <__clang_cuda_math_forward_declares.h>
#include <__clang_cuda_math.h>
#include <__clang_cuda_intrinsics.h>

extern "C" {
__device__ int printf(const char*, ...);
__device__ void* malloc(size_t);
__device__ void free(void*);
__device__ void* memcpy(void*, const void*, size_t);
__device__ void* memset(void*, int, size_t);
__device__ void __assert_fail(const char*, const char*, unsigned int, const char*);
}
