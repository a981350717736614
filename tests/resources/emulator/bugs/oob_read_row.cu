// Planted bug: each row's pointer is a plain local pointer, and the loop reads one element too many.
__global__ void row_sums(const float* x, float* sums, int rows, int cols) {
  int row = blockIdx.x * blockDim.x + threadIdx.x;
  if (row >= rows) return;
  const float* r = x + row * cols;
  float s = 0.0f;
  for (int c = 0; c <= cols; c++) {
    s += r[c];
  }
  sums[row] = s;
}
