// @kp teaches: out = x · y in two launches and no atomics: the first writes one partial sum per block
// @kp teaches: to a scratch array (as 02 does, but stored instead of added), the second is one block
// @kp teaches: that reduces those partials and writes out[0]. The end of a launch is the grid-wide
// @kp teaches: barrier CUDA otherwise lacks. Same traffic as 02 plus 2 x 4 KB, and the same bits on
// @kp teaches: every run: the summation order is fixed by the code, not by timing.
// @kp check:   dot n
//
// @kp kernel:  dot_partials
// @kp args:    const float* x, const float* y, float* partial[min(cdiv(n, 256), 1024)], int n
// @kp grid:    min(cdiv(n, 256), 1024), 1, 1
// @kp block:   256, 1, 1
// @kp smem:    0
//
// @kp kernel:  dot_sum_partials
// @kp args:    const float* partial[min(cdiv(n, 256), 1024)], float* out, int parts = min(cdiv(n, 256), 1024)
// @kp grid:    1, 1, 1
// @kp block:   1024, 1, 1
// @kp smem:    0

#include "../common.cuh"

extern "C" __global__ void dot_partials(const float* x, const float* y, float* partial, int n) {
  float sum = 0.0f;
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) sum += x[i] * y[i];
  sum = blockSum(sum);
  if (threadIdx.x == 0) partial[blockIdx.x] = sum;
}

extern "C" __global__ void dot_sum_partials(const float* partial, float* out, int parts) {
  float sum = threadIdx.x < parts ? partial[threadIdx.x] : 0.0f;  // parts <= 1024 = blockDim.x
  sum = blockSum(sum);
  if (threadIdx.x == 0) out[0] = sum;
}
