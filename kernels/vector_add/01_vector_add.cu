// @kp kernel:  vector_add
// @kp teaches: the CUDA thread hierarchy in one line: each thread computes its global index
// @kp teaches: blockIdx.x * blockDim.x + threadIdx.x and adds one pair of elements. The grid is
// @kp teaches: rounded up to whole blocks, so the last block guards with `i < n`.
// @kp check:   vector_add n
// @kp args:    const float* a, const float* b, float* out, int n
// @kp grid:    cdiv(n, 256), 1, 1
// @kp block:   256, 1, 1
// @kp smem:    0

extern "C" __global__ void vector_add(const float* a, const float* b, float* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    out[i] = a[i] + b[i];
  }
}
