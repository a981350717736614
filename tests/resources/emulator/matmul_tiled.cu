// C (m×n) = A (m×k) · B (k×n), row-major; 16×16 tiles staged in shared memory.
// bench/emulator-vs-numba times matmul_tiled against bench/emulator-vs-numba/numba_matmul_tiled.py, the same
// kernel line for line on Numba's CUDA simulator: change the two together.
#define TILE 16

__global__ void matmul_tiled(const float* A, const float* B, float* C, int m, int n, int k) {
  __shared__ float As[TILE][TILE];
  __shared__ float Bs[TILE][TILE];
  int row = blockIdx.y * TILE + threadIdx.y;
  int col = blockIdx.x * TILE + threadIdx.x;
  float acc = 0.0f;
  for (int t = 0; t < k; t += TILE) {
    As[threadIdx.y][threadIdx.x] = (row < m && t + threadIdx.x < k) ? A[row * k + t + threadIdx.x] : 0.0f;
    Bs[threadIdx.y][threadIdx.x] = (col < n && t + threadIdx.y < k) ? B[(t + threadIdx.y) * n + col] : 0.0f;
    __syncthreads();
#pragma unroll
    for (int i = 0; i < TILE; i++) {
      acc = fmaf(As[threadIdx.y][i], Bs[i][threadIdx.x], acc);
    }
    __syncthreads();
  }
  if (row < m && col < n) {
    C[row * n + col] = acc;
  }
}

// A kernel template: the tile edge is a template parameter, launched as matmul_template<8> etc.
template <int T>
__global__ void matmul_template(const float* A, const float* B, float* C, int m, int n, int k) {
  __shared__ float As[T][T + 1];
  __shared__ float Bs[T][T + 1];
  int row = blockIdx.y * T + threadIdx.y;
  int col = blockIdx.x * T + threadIdx.x;
  float acc = 0.0f;
  for (int t = 0; t < k; t += T) {
    As[threadIdx.y][threadIdx.x] = (row < m && t + threadIdx.x < k) ? A[row * k + t + threadIdx.x] : 0.0f;
    Bs[threadIdx.y][threadIdx.x] = (col < n && t + threadIdx.y < k) ? B[(t + threadIdx.y) * n + col] : 0.0f;
    __syncthreads();
    for (int i = 0; i < T; i++) {
      acc += As[threadIdx.y][i] * Bs[i][threadIdx.x];
    }
    __syncthreads();
  }
  if (row < m && col < n) {
    C[row * n + col] = acc;
  }
}
