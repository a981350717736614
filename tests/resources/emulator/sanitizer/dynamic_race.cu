// A block sum: each warp adds its values with shuffles and leaves its sum in dynamic shared memory, then
// thread 0 adds the warps' sums -- with no __syncthreads() between, so it reads slots other warps write
// (read-after-write between warps, or a read of a slot not yet written, depending on the order).
__global__ void block_sum(const float* x, float* out) {
  extern __shared__ float partial[];
  int t = threadIdx.x;
  float v = x[blockIdx.x * blockDim.x + t];
  for (int o = 16; o > 0; o /= 2) v += __shfl_down_sync(0xffffffffu, v, o);
  if (t % 32 == 0) partial[t / 32] = v;
  if (t == 0) {
    float sum = 0.0f;
    for (int w = 0; w < blockDim.x / 32; w++) sum += partial[w];
    out[blockIdx.x] = sum;
  }
}

// The same memory read before any thread of the block wrote it: an uninitialised read, not NaN later.
__global__ void read_first(const float* x, float* out) {
  extern __shared__ float partial[];
  int t = threadIdx.x;
  out[t] = partial[(t + 1) % blockDim.x];
  partial[t] = x[t];
}
