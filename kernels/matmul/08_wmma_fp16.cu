// @kp kernel:  hgemm_wmma
// @kp teaches: tensor cores through nvcuda::wmma: a warp multiplies 16x16x16 fp16 tiles in one
// @kp teaches: mma_sync and accumulates in fp32. A block of 4 warps computes a 64x64 tile of C,
// @kp teaches: each warp 32x32 = 2x2 fragments. WMMA loads whole 16x16 tiles and cannot mask, so
// @kp teaches: A and B are staged in shared memory with zero padding past the matrix edges, and the
// @kp teaches: result goes back through shared memory to a guarded store: any m, n, k works.
// @kp check:   matmul_fp16 m n k
// @kp args:    const __half* a, const __half* b, float* out, int m, int n, int k
// @kp grid:    cdiv(n, 64), cdiv(m, 64), 1
// @kp block:   128, 1, 1
// @kp smem:    0

#include <cuda_fp16.h>
#include <mma.h>

using namespace nvcuda;

#define BM 64
#define BN 64
#define BK 16
#define WMMA_M 16
#define WMMA_N 16
#define WMMA_K 16
#define THREADS 128  // 4 warps in a 2 x 2 grid, each 32 x 32 of C; the launch must use exactly this

extern "C" __global__ void hgemm_wmma(const __half* a, const __half* b, float* out, int m, int n, int k) {
  // WMMA wants 256-bit aligned tile pointers: every tile below starts at a multiple of 32 bytes.
  __shared__ __align__(32) __half as[BM * BK];  // 64 x 16, row-major
  __shared__ __align__(32) __half bs[BK * BN];  // 16 x 64, row-major
  __shared__ __align__(32) float cs[BM * BN];   // the block's C tile on its way to global memory
  int tid = threadIdx.x;
  int warp = tid / 32;
  int warpRow = warp / 2, warpCol = warp % 2;
  int blockRow = blockIdx.y * BM;
  int blockCol = blockIdx.x * BN;

  wmma::fragment<wmma::accumulator, WMMA_M, WMMA_N, WMMA_K, float> acc[2][2];
#pragma unroll
  for (int i = 0; i < 2; ++i)
#pragma unroll
    for (int j = 0; j < 2; ++j) wmma::fill_fragment(acc[i][j], 0.0f);

  const __half zero = __float2half(0.0f);
  for (int t = 0; t < k; t += BK) {
    for (int e = tid; e < BM * BK; e += THREADS) {
      int r = blockRow + e / BK, c = t + e % BK;
      as[e] = (r < m && c < k) ? a[(size_t)r * k + c] : zero;
    }
    for (int e = tid; e < BK * BN; e += THREADS) {
      int r = t + e / BN, c = blockCol + e % BN;
      bs[e] = (r < k && c < n) ? b[(size_t)r * n + c] : zero;
    }
    __syncthreads();
    wmma::fragment<wmma::matrix_a, WMMA_M, WMMA_N, WMMA_K, __half, wmma::row_major> aFrag[2];
    wmma::fragment<wmma::matrix_b, WMMA_M, WMMA_N, WMMA_K, __half, wmma::row_major> bFrag[2];
#pragma unroll
    for (int i = 0; i < 2; ++i) {
      wmma::load_matrix_sync(aFrag[i], &as[(warpRow * 32 + i * 16) * BK], BK);
    }
#pragma unroll
    for (int j = 0; j < 2; ++j) {
      wmma::load_matrix_sync(bFrag[j], &bs[warpCol * 32 + j * 16], BN);
    }
#pragma unroll
    for (int i = 0; i < 2; ++i)
#pragma unroll
      for (int j = 0; j < 2; ++j) wmma::mma_sync(acc[i][j], aFrag[i], bFrag[j], acc[i][j]);
    __syncthreads();
  }
#pragma unroll
  for (int i = 0; i < 2; ++i)
#pragma unroll
    for (int j = 0; j < 2; ++j) {
      float* tile = &cs[(warpRow * 32 + i * 16) * BN + warpCol * 32 + j * 16];
      wmma::store_matrix_sync(tile, acc[i][j], BN, wmma::mem_row_major);
    }
  __syncthreads();
  for (int e = tid; e < BM * BN; e += THREADS) {
    int r = blockRow + e / BN, c = blockCol + e % BN;
    if (r < m && c < n) {
      out[(size_t)r * n + c] = cs[e];
    }
  }
}
