// @kp teaches: privatisation (PMPP, chapter 9): each block counts into its own copy of the histogram in
// @kp teaches: shared memory (bins x 4 bytes of dynamic shared memory), with shared-memory atomics that
// @kp teaches: stay inside the SM, and adds its counts to out once, one global atomic per non-empty bin.
// @kp teaches: A grid of at most 256 blocks strides over x, so the global atomics are at most 256 x
// @kp teaches: bins however long x is. Three phases, two barriers: clear the copy, count, flush.
// @kp check:   histogram n bins one_bin
//
// @kp kernel:  histogram_shared_privatized_zero
// @kp args:    float* out, int count = bins
// @kp grid:    cdiv(bins, 256), 1, 1
// @kp block:   256, 1, 1
// @kp smem:    0
//
// @kp kernel:  histogram_shared_privatized
// @kp args:    const float* x, float* out, int n, int bins
// @kp grid:    min(cdiv(n, 256), 256), 1, 1
// @kp block:   256, 1, 1
// @kp smem:    bins * 4

#include "../common.cuh"

extern "C" __global__ void histogram_shared_privatized_zero(float* out, int count) { zeroFloats(out, count); }

extern "C" __global__ void histogram_shared_privatized(const float* x, float* out, int n, int bins) {
  extern __shared__ unsigned int counts[];  // this block's private histogram
  for (int b = threadIdx.x; b < bins; b += blockDim.x) counts[b] = 0;
  __syncthreads();
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
    int b = (int)x[i];
    if (b >= 0 && b < bins) atomicAdd(&counts[b], 1u);
  }
  __syncthreads();
  for (int b = threadIdx.x; b < bins; b += blockDim.x) {
    if (counts[b] > 0) atomicAdd(&out[b], (float)counts[b]);
  }
}
