// The JCuda backend's own small kernels: what the GPU checks and the benchmark matrix run before the
// lesson kernels (kernels/) are fed in. Compiled to playground_kernels.ptx by tests/gpu/make-ptx.sh.
// extern "C" keeps the names unmangled, so the module is asked for "vector_add", not "_Z10vector_addPKfS0_Pfi".

// c[i] = a[i] + b[i]: one thread per element, and the bounds check for an n that is not a multiple of the block.
extern "C" __global__ void vector_add(const float* a, const float* b, float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    c[i] = a[i] + b[i];
  }
}

// out[i] = in[i] with float4 loads and stores and a grid-stride loop: the bandwidth probe. One float4 is
// 16 bytes, the widest load a thread issues, so few instructions move many bytes. The tail (n % 4) is
// copied one float at a time by the first threads.
extern "C" __global__ void copy_float4(const float* __restrict__ in, float* __restrict__ out, int n) {
  int vectors = n / 4;
  const float4* in4 = reinterpret_cast<const float4*>(in);
  float4* out4 = reinterpret_cast<float4*>(out);
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < vectors; i += gridDim.x * blockDim.x) {
    out4[i] = in4[i];
  }
  int tail = vectors * 4 + blockIdx.x * blockDim.x + threadIdx.x;
  if (tail < n) {
    out[tail] = in[tail];
  }
}

// C (m×n) = A (m×k) · B (k×n), row-major, fp32: each block computes a TILE×TILE tile of C, staging TILE×TILE
// tiles of A and B in shared memory; partial tiles at the edges load zeros and store only inside C.
#define TILE 16
extern "C" __global__ void matmul_tiled(const float* a, const float* b, float* c, int m, int n, int k) {
  __shared__ float as[TILE][TILE];
  __shared__ float bs[TILE][TILE];
  int row = blockIdx.y * TILE + threadIdx.y;
  int col = blockIdx.x * TILE + threadIdx.x;
  float acc = 0.0f;
  for (int k0 = 0; k0 < k; k0 += TILE) {
    int ak = k0 + threadIdx.x;
    int bk = k0 + threadIdx.y;
    as[threadIdx.y][threadIdx.x] = (row < m && ak < k) ? a[row * k + ak] : 0.0f;
    bs[threadIdx.y][threadIdx.x] = (bk < k && col < n) ? b[bk * n + col] : 0.0f;
    __syncthreads();
    for (int kk = 0; kk < TILE; kk++) {
      acc += as[threadIdx.y][kk] * bs[kk][threadIdx.x];
    }
    __syncthreads();
  }
  if (row < m && col < n) {
    c[row * n + col] = acc;
  }
}
