// Planted: an assert that fails in one thread; printf output of the others survives.
__global__ void checked(const float* x, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i == 0) printf("hello from thread %d of %d\n", i, n);
  if (i < n) {
    assert(x[i] >= 0.0f);
  }
}

// Planted: a large local array in every thread: 512 KiB does not fit a thread's stack.
__global__ void big_locals(float* out) {
  volatile float scratch[128 * 1024];
  for (int i = 0; i < 128 * 1024; i += 1024) scratch[i] = (float)i;
  out[threadIdx.x] = scratch[1024 * threadIdx.x];
}

// Planted bug: thread 0 reads a shared element no thread of this block wrote (only even ones are).
__global__ void uninitialized_shared(float* out) {
  __shared__ float tile[64];
  if (threadIdx.x % 2 == 0) tile[threadIdx.x] = (float)threadIdx.x;
  __syncthreads();
  out[blockIdx.x * blockDim.x + threadIdx.x] = tile[threadIdx.x ^ 1];
}

// The same with a file-scope array: filled with the poison at every block's start too.
__shared__ float fileTile[64];
__global__ void uninitialized_file_shared(float* out) {
  if (threadIdx.x % 2 == 0) fileTile[threadIdx.x] = (float)threadIdx.x;
  __syncthreads();
  out[blockIdx.x * blockDim.x + threadIdx.x] = fileTile[threadIdx.x ^ 1];
}
