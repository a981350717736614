// Correct kernels that use shared memory in the ways learners do: none of them may be reported.
#define TILE 32

// A histogram with shared atomics.
__global__ void histogram(const int* x, int* bins, int n) {
  __shared__ int local[64];
  for (int b = threadIdx.x; b < 64; b += blockDim.x) local[b] = 0;
  __syncthreads();
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x)
    atomicAdd(&local[x[i] & 63], 1);
  __syncthreads();
  for (int b = threadIdx.x; b < 64; b += blockDim.x) atomicAdd(&bins[b], local[b]);
}

// A transpose through a padded tile (no bank conflicts).
__global__ void transpose_padded(const float* in, float* out, int n) {
  __shared__ float tile[TILE][TILE + 1];
  int x = blockIdx.x * TILE + threadIdx.x, y = blockIdx.y * TILE + threadIdx.y;
  if (x < n && y < n) tile[threadIdx.y][threadIdx.x] = in[y * n + x];
  __syncthreads();
  x = blockIdx.y * TILE + threadIdx.x;
  y = blockIdx.x * TILE + threadIdx.y;
  if (x < n && y < n) out[y * n + x] = tile[threadIdx.x][threadIdx.y];
}

// A block sum: warp shuffles, one partial per warp in shared memory, then the first warp.
__global__ void block_sum(const float* x, float* out, int n) {
  __shared__ float partial[32];
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = i < n ? x[i] : 0.0f;
  for (int o = 16; o > 0; o /= 2) v += __shfl_down_sync(0xffffffffu, v, o);
  if (threadIdx.x % 32 == 0) partial[threadIdx.x / 32] = v;
  __syncthreads();
  if (threadIdx.x < 32) {
    v = threadIdx.x < blockDim.x / 32 ? partial[threadIdx.x] : 0.0f;
    for (int o = 16; o > 0; o /= 2) v += __shfl_down_sync(0xffffffffu, v, o);
    if (threadIdx.x == 0) out[blockIdx.x] = v;
  }
}

// A warp reduction through shared memory with __syncwarp() between the steps (no volatile).
__global__ void warp_reduce_syncwarp(const float* x, float* out) {
  __shared__ float s[32];
  int lane = threadIdx.x;
  s[lane] = x[lane];
  __syncwarp();
  for (int o = 16; o > 0; o /= 2) {
    float v = lane < o ? s[lane + o] : 0.0f;
    __syncwarp();
    if (lane < o) s[lane] += v;
    __syncwarp();
  }
  if (lane == 0) out[0] = s[0];
}

// A running sum over tiles, double-buffered: the next tile loads while the current one is read.
__global__ void double_buffered(const float* x, float* out, int tiles) {
  __shared__ float buf[2][64];
  int t = threadIdx.x;
  buf[0][t] = x[t];
  __syncthreads();
  float acc = 0.0f;
  for (int k = 0; k < tiles; k++) {
    if (k + 1 < tiles) buf[(k + 1) % 2][t] = x[(k + 1) * 64 + t];
    acc += buf[k % 2][(t + 1) % 64];
    __syncthreads();
  }
  out[t] = acc;
}

// Dynamic shared memory used exactly to its end, through a cast pointer at an offset.
__global__ void dynamic_two_arrays(const float* x, float* y) {
  extern __shared__ float smem[];
  float* a = smem;
  float2* b = reinterpret_cast<float2*>(smem + blockDim.x);
  a[threadIdx.x] = x[threadIdx.x];
  b[threadIdx.x] = make_float2(x[threadIdx.x], 1.0f);
  __syncthreads();
  y[threadIdx.x] = a[(threadIdx.x + 1) % blockDim.x] + b[threadIdx.x].y;
}
