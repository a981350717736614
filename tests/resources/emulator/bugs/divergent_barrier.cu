// Not a bug on sm_70 and later: threads past the end return early, and __syncthreads() waits for the
// threads that did not return ("all non-exited threads", CUDA Programming Guide).
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

// Planted bug: a barrier in a loop whose trip count depends on the thread.
__global__ void uneven_loop(float* x) {
  float acc = 0.0f;
  for (int i = 0; i < (int)(threadIdx.x % 3); i++) {
    acc += x[(threadIdx.x + i) % blockDim.x];
    __syncthreads();
  }
  __syncthreads();
  x[threadIdx.x] = acc;
}
