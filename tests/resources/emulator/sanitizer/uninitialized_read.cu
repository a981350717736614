// Reads a shared slot that no thread of the block writes: only the first half of the tile is filled.
__global__ void half_filled(const float* x, float* y) {
  __shared__ float s[64];
  int t = threadIdx.x;
  if (t < 32) s[t] = x[t];
  __syncthreads();
  y[t] = s[63 - t];
}
