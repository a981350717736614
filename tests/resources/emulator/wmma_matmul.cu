#include <mma.h>
using namespace nvcuda;

// C (m×n, fp32) = A (m×k, fp16, row-major) · B (k×n, fp16, row-major). One warp per 16×16 tile of C; the
// tiles of A and B are staged in shared memory with zero padding, so any m, n, k works. B is stored
// transposed in shared memory and loaded as col_major, to use both layouts.
__global__ void wmma_matmul(const half* A, const half* B, float* C, int m, int n, int k) {
  __shared__ half As[16 * 16];
  __shared__ half BsT[16 * 16];
  __shared__ float Cs[16 * 16];
  int tileRow = blockIdx.y * 16, tileCol = blockIdx.x * 16;
  int lane = threadIdx.x;
  wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc;
  wmma::fill_fragment(acc, 0.0f);
  for (int t = 0; t < k; t += 16) {
    for (int e = lane; e < 256; e += 32) {
      int r = e / 16, c = e % 16;
      As[e] = (tileRow + r < m && t + c < k) ? A[(tileRow + r) * k + t + c] : __float2half(0.0f);
      BsT[c * 16 + r] = (t + r < k && tileCol + c < n) ? B[(t + r) * n + tileCol + c] : __float2half(0.0f);
    }
    __syncwarp();
    wmma::fragment<wmma::matrix_a, 16, 16, 16, half, wmma::row_major> a;
    wmma::fragment<wmma::matrix_b, 16, 16, 16, half, wmma::col_major> b;
    wmma::load_matrix_sync(a, As, 16);
    wmma::load_matrix_sync(b, BsT, 16);
    wmma::mma_sync(acc, a, b, acc);
    __syncwarp();
  }
  wmma::store_matrix_sync(Cs, acc, 16, wmma::mem_row_major);
  __syncwarp();
  for (int e = lane; e < 256; e += 32) {
    int r = e / 16, c = e % 16;
    if (tileRow + r < m && tileCol + c < n) C[(tileRow + r) * n + tileCol + c] = Cs[e];
  }
}
