// Row-wise softmax, two ways: one warp per row with shuffles, and one block per row computing an online
// softmax (running max and rescaled sum in one pass) reduced through dynamic shared memory.

__device__ __forceinline__ float warp_max(float v) {
#pragma unroll
  for (int offset = 16; offset > 0; offset >>= 1) {
    v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, offset));
  }
  return v;
}

__device__ __forceinline__ float warp_sum(float v) {
  for (int offset = 16; offset > 0; offset /= 2) {
    v += __shfl_down_sync(0xffffffffu, v, offset);
  }
  return __shfl_sync(0xffffffffu, v, 0);
}

// blockDim = (32, rowsPerBlock): warp threadIdx.y handles row blockIdx.x * blockDim.y + threadIdx.y.
__global__ void softmax_warp(const float* x, float* y, int rows, int cols) {
  int row = blockIdx.x * blockDim.y + threadIdx.y;
  if (row >= rows) return;  // whole warps leave together: no barrier follows
  const float* in = x + (size_t)row * cols;
  float m = -INFINITY;
  for (int c = threadIdx.x; c < cols; c += warpSize) m = fmaxf(m, in[c]);
  m = warp_max(m);
  float s = 0.0f;
  for (int c = threadIdx.x; c < cols; c += warpSize) s += __expf(in[c] - m);
  s = warp_sum(s);
  float inv = __fdividef(1.0f, s);
  for (int c = threadIdx.x; c < cols; c += warpSize) y[(size_t)row * cols + c] = expf(in[c] - m) * inv;
}

struct MaxSum {
  float m;
  float s;
};

__device__ MaxSum combine(MaxSum a, MaxSum b) {
  float m = fmaxf(a.m, b.m);
  if (m == -INFINITY) return MaxSum{m, 0.0f};
  return MaxSum{m, a.s * expf(a.m - m) + b.s * expf(b.m - m)};
}

// One block per row; dynamic shared memory holds one (max, sum) pair per warp.
__global__ void softmax_online(const float* __restrict__ x, float* __restrict__ y, int rows, int cols) {
  extern __shared__ float partial[];
  int row = blockIdx.x;
  MaxSum acc{-INFINITY, 0.0f};
  for (int c = threadIdx.x; c < cols; c += blockDim.x) {
    acc = combine(acc, MaxSum{x[row * cols + c], 1.0f});
  }
  for (int offset = 16; offset > 0; offset >>= 1) {
    MaxSum other{__shfl_down_sync(0xffffffffu, acc.m, offset), __shfl_down_sync(0xffffffffu, acc.s, offset)};
    acc = combine(acc, other);
  }
  int warp = threadIdx.x / warpSize, lane = threadIdx.x % warpSize;
  int warps = (blockDim.x + warpSize - 1) / warpSize;
  if (lane == 0) {
    partial[2 * warp] = acc.m;
    partial[2 * warp + 1] = acc.s;
  }
  __syncthreads();
  if (threadIdx.x == 0) {
    MaxSum total{-INFINITY, 0.0f};
    for (int w = 0; w < warps; w++) total = combine(total, MaxSum{partial[2 * w], partial[2 * w + 1]});
    partial[0] = total.m;
    partial[1] = __frcp_rn(total.s);
  }
  __syncthreads();
  float m = partial[0], inv = partial[1];
  for (int c = threadIdx.x; c < cols; c += blockDim.x) {
    y[row * cols + c] = __expf(x[row * cols + c] - m) * inv;
  }
}
