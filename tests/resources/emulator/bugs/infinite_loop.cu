// Planted bug: the loop never advances i.
__global__ void fill(float* out, int n) {
  int i = threadIdx.x;
  while (i < n) {
    out[i] = 1.0f;
  }
}
