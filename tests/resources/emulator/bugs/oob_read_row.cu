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

// Planted bug: float4 loads from a row start that is not a multiple of 4 floats.
__global__ void row_heads(const float* x, float4* heads, int cols) {
  int row = threadIdx.x;
  heads[row] = reinterpret_cast<const float4*>(x + row * cols)[0];
}
