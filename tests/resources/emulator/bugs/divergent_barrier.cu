// Planted bug: threads past the end return early, then the rest wait at __syncthreads().
__global__ void block_sum(const float* x, float* sums, int n) {
  __shared__ float part[256];
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  part[threadIdx.x] = x[i];
  __syncthreads();
  if (threadIdx.x == 0) {
    float s = 0.0f;
    for (int j = 0; j < blockDim.x && blockIdx.x * blockDim.x + j < n; j++) s += part[j];
    sums[blockIdx.x] = s;
  }
}

// Planted bug: a __syncthreads() inside a branch only half of the block takes.
__global__ void half_barrier(float* x) {
  if (threadIdx.x < blockDim.x / 2) {
    x[threadIdx.x] = 1.0f;
    __syncthreads();
  } else {
    __syncthreads();
    x[threadIdx.x] = 2.0f;
  }
}
