// @kp kernel:  copy_float4
// @kp teaches: a memory-bound kernel's speed is bytes moved per second. Each thread moves 16 B at a
// @kp teaches: time with float4 loads and stores (one 128-bit instruction instead of four), in a
// @kp teaches: grid-stride loop. float4 needs 16-byte aligned pointers: when they are not, the kernel
// @kp teaches: copies scalars; the last n % 4 elements (the tail) are always copied one by one.
// @kp check:   copy n
// @kp args:    const float* x, float* out, int n
// @kp grid:    cdiv(n, 1024), 1, 1
// @kp block:   256, 1, 1
// @kp smem:    0

#include <stdint.h>

extern "C" __global__ void copy_float4(const float* x, float* out, int n) {
  int tid = blockIdx.x * blockDim.x + threadIdx.x;
  int stride = gridDim.x * blockDim.x;
  bool aligned = ((reinterpret_cast<uintptr_t>(x) | reinterpret_cast<uintptr_t>(out)) & 15) == 0;
  int vectorized = aligned ? n / 4 : 0;  // number of whole float4s copied as vectors
  const float4* x4 = reinterpret_cast<const float4*>(x);
  float4* out4 = reinterpret_cast<float4*>(out);
  for (int i = tid; i < vectorized; i += stride) {
    out4[i] = x4[i];
  }
  // The rest: the tail after the last whole float4, or everything when the pointers are misaligned.
  for (int i = vectorized * 4 + tid; i < n; i += stride) {
    out[i] = x[i];
  }
}
