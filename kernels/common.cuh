// Helpers the kernels/ files share, included as #include "../common.cuh" (the way llm.c's dev/cuda keeps
// common.h): only what several kernels use word for word. A kernel whose point is the technique itself
// writes it out in its own file instead (softmax/02 reduces through shared memory by hand).
#pragma once
#include <stdint.h>

// Warp-wide reductions by butterfly: after the five __shfl_xor_sync steps (xor 16, 8, 4, 2, 1) every lane
// holds the result. All 32 lanes must call them together (full mask).
__device__ __forceinline__ float warpMax(float v) {
  for (int offset = 16; offset > 0; offset /= 2) v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, offset));
  return v;
}

__device__ __forceinline__ float warpSum(float v) {
  for (int offset = 16; offset > 0; offset /= 2) v += __shfl_xor_sync(0xffffffffu, v, offset);
  return v;
}

// Whether a pointer may be read or written as a float4: vector accesses need 16-byte alignment.
__device__ __forceinline__ bool aligned16(const void* p) {
  return (reinterpret_cast<uintptr_t>(p) & 15) == 0;
}

// Elements (r, c .. c+3) of a rows x cols row-major matrix, zero outside it: one 128-bit load when
// `vector` says rows may be read as float4 (cols % 4 == 0 and base aligned16) and all four are inside,
// else four guarded scalar loads, so any shape works (matmul 06, 07).
__device__ __forceinline__ float4 load4(const float* base, int rows, int cols, int r, int c, bool vector) {
  if (vector && r < rows && c + 3 < cols) {
    return *reinterpret_cast<const float4*>(&base[(size_t)r * cols + c]);
  }
  float4 v;
  v.x = (r < rows && c + 0 < cols) ? base[(size_t)r * cols + c + 0] : 0.0f;
  v.y = (r < rows && c + 1 < cols) ? base[(size_t)r * cols + c + 1] : 0.0f;
  v.z = (r < rows && c + 2 < cols) ? base[(size_t)r * cols + c + 2] : 0.0f;
  v.w = (r < rows && c + 3 < cols) ? base[(size_t)r * cols + c + 3] : 0.0f;
  return v;
}

// The sum of v over the whole block, returned to every thread: a butterfly in each warp, the warps' sums
// through shared memory, a butterfly over those (dot 02, 03). blockDim.x a multiple of 32, every thread
// calls it; a second call in one kernel needs a __syncthreads() before it (warpSums is reused).
__device__ __forceinline__ float blockSum(float v) {
  __shared__ float warpSums[32];
  int lane = threadIdx.x % 32;
  v = warpSum(v);
  if (lane == 0) warpSums[threadIdx.x / 32] = v;
  __syncthreads();
  return warpSum(lane < blockDim.x / 32 ? warpSums[lane] : 0.0f);
}

// out[0 .. count) = 0 over the grid: the body of the launch before a kernel that accumulates into its output
// with atomics. The playground fills every output with a NaN before a run, as memory from cudaMalloc holds
// whatever was there (dot 01, 02, histogram 01, 02: each file's own one-line kernel calls it, as a header
// names only the kernels its file defines).
__device__ __forceinline__ void zeroFloats(float* out, int count) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < count; i += gridDim.x * blockDim.x) out[i] = 0.0f;
}
