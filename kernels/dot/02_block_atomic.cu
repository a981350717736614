// @kp teaches: out = x · y with one atomic per block instead of one per element: a grid of at most
// @kp teaches: 1024 blocks of 256 threads strides over x and y (each thread sums its own elements, so
// @kp teaches: any n fits one launch), each block reduces its 256 partial sums with blockSum (warp
// @kp teaches: shuffles, then the 8 warp sums through shared memory), and thread 0 adds the block's sum
// @kp teaches: to out[0]: at most 1024 atomics, whatever n is. Still not deterministic in the last bits.
// @kp check:   dot n
//
// @kp kernel:  dot_block_atomic_zero
// @kp args:    float* out, int count = 1
// @kp grid:    1, 1, 1
// @kp block:   32, 1, 1
// @kp smem:    0
//
// @kp kernel:  dot_block_atomic
// @kp args:    const float* x, const float* y, float* out, int n
// @kp grid:    min(cdiv(n, 256), 1024), 1, 1
// @kp block:   256, 1, 1
// @kp smem:    0

#include "../common.cuh"

extern "C" __global__ void dot_block_atomic_zero(float* out, int count) { zeroFloats(out, count); }

extern "C" __global__ void dot_block_atomic(const float* x, const float* y, float* out, int n) {
  float sum = 0.0f;
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) sum += x[i] * y[i];
  sum = blockSum(sum);
  if (threadIdx.x == 0) atomicAdd(out, sum);
}
