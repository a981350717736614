// @kp kernel:  sgemm_naive
// @kp teaches: one thread per element of C: thread (x, y) computes the dot product of row x of A
// @kp teaches: and column y of B. threadIdx.x walks down the ROWS of C, so the 32 threads of a warp
// @kp teaches: read 32 different rows of A (addresses k floats apart): every load is its own memory
// @kp teaches: transaction. Correct, and the baseline every later version is measured against.
// @kp check:   matmul m n k
// @kp args:    const float* a, const float* b, float* out, int m, int n, int k
// @kp grid:    cdiv(m, 32), cdiv(n, 32), 1
// @kp block:   32, 32, 1
// @kp smem:    0

// C (m x n) = A (m x k) * B (k x n), all row-major fp32.
extern "C" __global__ void sgemm_naive(const float* a, const float* b, float* out, int m, int n, int k) {
  int row = blockIdx.x * blockDim.x + threadIdx.x;
  int col = blockIdx.y * blockDim.y + threadIdx.y;
  if (row < m && col < n) {
    float sum = 0.0f;
    for (int i = 0; i < k; ++i) {
      sum += a[(size_t)row * k + i] * b[(size_t)i * n + col];
    }
    out[(size_t)row * n + col] = sum;
  }
}
