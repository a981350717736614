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
