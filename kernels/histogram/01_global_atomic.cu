// @kp teaches: out[b] = how many x equal b, one atomicAdd on out per value. Right on any input (after
// @kp teaches: the _zero launch), but every update goes to global memory (the L2 performs the atomics), and
// @kp teaches: updates of one bin are served one after the other: on an image of one grey level (one_bin
// @kp teaches: = 1) all n updates queue on a single address. Counts are floats, exact below 2^24.
// @kp check:   histogram n bins one_bin
//
// @kp kernel:  histogram_global_atomic_zero
// @kp args:    float* out, int count = bins
// @kp grid:    cdiv(bins, 256), 1, 1
// @kp block:   256, 1, 1
// @kp smem:    0
//
// @kp kernel:  histogram_global_atomic
// @kp args:    const float* x, float* out, int n, int bins
// @kp grid:    cdiv(n, 256), 1, 1
// @kp block:   256, 1, 1
// @kp smem:    0

#include "../common.cuh"

extern "C" __global__ void histogram_global_atomic_zero(float* out, int count) { zeroFloats(out, count); }

extern "C" __global__ void histogram_global_atomic(const float* x, float* out, int n, int bins) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    int b = (int)x[i];
    if (b >= 0 && b < bins) atomicAdd(&out[b], 1.0f);
  }
}
