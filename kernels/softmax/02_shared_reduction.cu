// @kp kernel:  softmax_shared_reduction
// @kp teaches: one block per row. The 256 threads stride over the row together (coalesced loads),
// @kp teaches: each keeps a partial max, and a tree reduction in shared memory combines them in
// @kp teaches: log2(256) = 8 steps with a __syncthreads between steps; the same again for the sum.
// @kp teaches: Every thread reaches every barrier: threads with nothing to add still take part.
// @kp check:   softmax rows cols
// @kp args:    const float* x, float* out, int rows, int cols
// @kp grid:    rows, 1, 1
// @kp block:   256, 1, 1
// @kp smem:    0

#define THREADS 256  // a power of two: the tree halves it; the launch must use exactly this many

extern "C" __global__ void softmax_shared_reduction(const float* x, float* out, int rows, int cols) {
  __shared__ float partial[THREADS];
  int row = blockIdx.x;  // the grid has exactly `rows` blocks: the whole block works on one row
  int tid = threadIdx.x;
  const float* in = x + (size_t)row * cols;
  float* dst = out + (size_t)row * cols;

  float localMax = -INFINITY;
  for (int c = tid; c < cols; c += THREADS) localMax = fmaxf(localMax, in[c]);
  partial[tid] = localMax;
  __syncthreads();
  for (int half = THREADS / 2; half > 0; half /= 2) {
    if (tid < half) partial[tid] = fmaxf(partial[tid], partial[tid + half]);
    __syncthreads();
  }
  float rowMax = partial[0];
  __syncthreads();  // everyone has read partial[0] before it is overwritten below

  float localSum = 0.0f;
  for (int c = tid; c < cols; c += THREADS) localSum += expf(in[c] - rowMax);
  partial[tid] = localSum;
  __syncthreads();
  for (int half = THREADS / 2; half > 0; half /= 2) {
    if (tid < half) partial[tid] += partial[tid + half];
    __syncthreads();
  }
  float rowSum = partial[0];

  for (int c = tid; c < cols; c += THREADS) dst[c] = expf(in[c] - rowMax) / rowSum;
}
