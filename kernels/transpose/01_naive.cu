// @kp kernel:  transpose_naive
// @kp teaches: out = xᵀ (x is rows x cols, out cols x rows), one thread per element of x. threadIdx.x
// @kp teaches: walks x's columns, so a warp reads 32 neighbouring floats of a row of x: coalesced, one
// @kp teaches: 128-byte transaction. But it writes them rows floats apart in out: 32 transactions per
// @kp teaches: warp store, and a transpose moves as many bytes as it reads. The guard keeps the threads
// @kp teaches: past the right and bottom edges of an odd-sized matrix from reading or writing.
// @kp check:   transpose rows cols
// @kp args:    const float* x, float* out, int rows, int cols
// @kp grid:    cdiv(cols, 32), cdiv(rows, 8), 1
// @kp block:   32, 8, 1
// @kp smem:    0

extern "C" __global__ void transpose_naive(const float* x, float* out, int rows, int cols) {
  int col = blockIdx.x * blockDim.x + threadIdx.x;
  int row = blockIdx.y * blockDim.y + threadIdx.y;
  if (row < rows && col < cols) {
    out[(size_t)col * rows + row] = x[(size_t)row * cols + col];
  }
}
