// Read-after-write: the tile is written and then read by other threads with no __syncthreads() between.
__global__ void reverse_block(const float* x, float* y, int n) {
  __shared__ float s[64];
  int t = threadIdx.x;
  s[t] = x[t];
  y[t] = s[n - 1 - t];
}
