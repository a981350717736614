// @kp kernel:  softmax_warp_shuffle
// @kp teaches: one warp per row, and reductions without shared memory: __shfl_xor_sync lets the 32
// @kp teaches: lanes of a warp exchange registers directly. After 5 butterfly steps (xor 16, 8, 4,
// @kp teaches: 2, 1) every lane holds the row's max (then its sum). No __syncthreads at all, so a
// @kp teaches: warp whose row lies past the end may simply return. 4 warps (rows) per block.
// @kp check:   softmax rows cols
// @kp args:    const float* x, float* out, int rows, int cols
// @kp grid:    cdiv(rows, 4), 1, 1
// @kp block:   128, 1, 1
// @kp smem:    0

#include "../common.cuh"

#define WARPS_PER_BLOCK 4  // blockDim.x must be 32 * WARPS_PER_BLOCK

extern "C" __global__ void softmax_warp_shuffle(const float* x, float* out, int rows, int cols) {
  int lane = threadIdx.x % 32;
  int row = blockIdx.x * WARPS_PER_BLOCK + threadIdx.x / 32;
  if (row >= rows) return;  // the whole warp leaves together: the full-mask shuffles stay valid
  const float* in = x + (size_t)row * cols;
  float* dst = out + (size_t)row * cols;

  float localMax = -INFINITY;
  for (int c = lane; c < cols; c += 32) localMax = fmaxf(localMax, in[c]);
  float rowMax = warpMax(localMax);
  float localSum = 0.0f;
  for (int c = lane; c < cols; c += 32) localSum += expf(in[c] - rowMax);
  float rowSum = warpSum(localSum);
  for (int c = lane; c < cols; c += 32) dst[c] = expf(in[c] - rowMax) / rowSum;
}
