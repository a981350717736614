// @kp kernel:  sgemm_blocktile_2d
// @kp teaches: each thread computes an 8x8 tile of C held in 64 registers. Per step of the inner
// @kp teaches: loop it loads 8 values of A and 8 of B from shared memory into registers and does
// @kp teaches: 64 multiply-adds (an outer product): 4 FLOPs per shared load instead of 2 in 04.
// @kp teaches: A block of 256 threads covers 128x128 of C; each thread loads 4 elements per tile.
// @kp check:   matmul m n k
// @kp args:    const float* a, const float* b, float* out, int m, int n, int k
// @kp grid:    cdiv(n, 128), cdiv(m, 128), 1
// @kp block:   256, 1, 1
// @kp smem:    0

#define BM 128
#define BN 128
#define BK 8
#define TM 8
#define TN 8
#define THREADS 256  // (BM / TM) * (BN / TN); the launch must use exactly this many threads

extern "C" __global__ void sgemm_blocktile_2d(const float* a, const float* b, float* out, int m, int n, int k) {
  __shared__ float as[BM * BK];
  __shared__ float bs[BK * BN];
  int tid = threadIdx.x;
  int blockRow = blockIdx.y * BM;
  int blockCol = blockIdx.x * BN;
  int threadRow = tid / (BN / TN);  // 0..15: rows threadRow*TM .. +TM-1 of the tile
  int threadCol = tid % (BN / TN);  // 0..15: cols threadCol*TN .. +TN-1 of the tile
  int aRow = tid / BK, aCol = tid % BK;  // A tile 128 x 8: rows aRow, aRow + 32, ...
  const int aStride = THREADS / BK;      // 32
  int bRow = tid / BN, bCol = tid % BN;  // B tile 8 x 128: rows bRow, bRow + 2, ...
  const int bStride = THREADS / BN;      // 2

  float acc[TM][TN];
#pragma unroll
  for (int i = 0; i < TM; ++i)
#pragma unroll
    for (int j = 0; j < TN; ++j) acc[i][j] = 0.0f;
  float regM[TM];
  float regN[TN];

  for (int t = 0; t < k; t += BK) {
#pragma unroll
    for (int off = 0; off < BM; off += aStride) {
      int r = blockRow + aRow + off, c = t + aCol;
      as[(aRow + off) * BK + aCol] = (r < m && c < k) ? a[(size_t)r * k + c] : 0.0f;
    }
#pragma unroll
    for (int off = 0; off < BK; off += bStride) {
      int r = t + bRow + off, c = blockCol + bCol;
      bs[(bRow + off) * BN + bCol] = (r < k && c < n) ? b[(size_t)r * n + c] : 0.0f;
    }
    __syncthreads();
#pragma unroll
    for (int dot = 0; dot < BK; ++dot) {
#pragma unroll
      for (int i = 0; i < TM; ++i) regM[i] = as[(threadRow * TM + i) * BK + dot];
#pragma unroll
      for (int j = 0; j < TN; ++j) regN[j] = bs[dot * BN + threadCol * TN + j];
#pragma unroll
      for (int i = 0; i < TM; ++i)
#pragma unroll
        for (int j = 0; j < TN; ++j) acc[i][j] += regM[i] * regN[j];
    }
    __syncthreads();
  }
#pragma unroll
  for (int i = 0; i < TM; ++i) {
    int row = blockRow + threadRow * TM + i;
#pragma unroll
    for (int j = 0; j < TN; ++j) {
      int col = blockCol + threadCol * TN + j;
      if (row < m && col < n) {
        out[(size_t)row * n + col] = acc[i][j];
      }
    }
  }
}
