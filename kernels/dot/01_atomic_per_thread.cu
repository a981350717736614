// @kp teaches: out = x · y, the simplest way across the whole grid: each thread multiplies its pair and
// @kp teaches: adds it to out[0] with atomicAdd. Correct (after the _zero launch, since the sum
// @kp teaches: accumulates into out), but n atomic updates of one address are n updates in a row: the memory
// @kp teaches: system serialises them, however many threads wait. And float addition is not associative,
// @kp teaches: so the order the atomics land in changes the last bits from run to run.
// @kp check:   dot n
//
// @kp kernel:  dot_atomic_per_thread_zero
// @kp args:    float* out, int count = 1
// @kp grid:    1, 1, 1
// @kp block:   32, 1, 1
// @kp smem:    0
//
// @kp kernel:  dot_atomic_per_thread
// @kp args:    const float* x, const float* y, float* out, int n
// @kp grid:    cdiv(n, 256), 1, 1
// @kp block:   256, 1, 1
// @kp smem:    0

#include "../common.cuh"

extern "C" __global__ void dot_atomic_per_thread_zero(float* out, int count) { zeroFloats(out, count); }

extern "C" __global__ void dot_atomic_per_thread(const float* x, const float* y, float* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) atomicAdd(out, x[i] * y[i]);
}
