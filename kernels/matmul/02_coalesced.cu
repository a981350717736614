// @kp kernel:  sgemm_coalesced
// @kp teaches: the same arithmetic as 01, with threadIdx.x walking along the COLUMNS of C. Now the
// @kp teaches: 32 threads of a warp read 32 consecutive floats of a row of B (one 128-byte
// @kp teaches: transaction, coalesced) and all read the same element of A (a broadcast). Only the
// @kp teaches: mapping of threads to outputs changed, and the kernel gets several times faster.
// @kp check:   matmul m n k
// @kp args:    const float* a, const float* b, float* out, int m, int n, int k
// @kp grid:    cdiv(n, 32), cdiv(m, 32), 1
// @kp block:   32, 32, 1
// @kp smem:    0

extern "C" __global__ void sgemm_coalesced(const float* a, const float* b, float* out, int m, int n, int k) {
  int col = blockIdx.x * blockDim.x + threadIdx.x;
  int row = blockIdx.y * blockDim.y + threadIdx.y;
  if (row < m && col < n) {
    float sum = 0.0f;
    for (int i = 0; i < k; ++i) {
      sum += a[(size_t)row * k + i] * b[(size_t)i * n + col];
    }
    out[(size_t)row * n + col] = sum;
  }
}
