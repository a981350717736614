// @kp kernel:  sgemm_vectorized
// @kp teaches: 05 with 128-bit memory instructions. Each thread loads one float4 of the A tile and
// @kp teaches: one of the B tile per step, and stores C with float4. The A tile is stored TRANSPOSED
// @kp teaches: in shared memory (as[k][m]) so the inner loop reads 8 consecutive values of a column
// @kp teaches: of A. float4 needs 16-byte alignment: the vector path is taken only when the row
// @kp teaches: length (k for A, n for B and C) is a multiple of 4, the pointer is aligned and the 4
// @kp teaches: elements are inside the matrix; otherwise the same thread falls back to 4 guarded
// @kp teaches: scalar accesses, so any m, n, k works.
// @kp check:   matmul m n k
// @kp args:    const float* a, const float* b, float* out, int m, int n, int k
// @kp grid:    cdiv(n, 128), cdiv(m, 128), 1
// @kp block:   256, 1, 1
// @kp smem:    0

#include "../common.cuh"

#define BM 128
#define BN 128
#define BK 8
#define TM 8
#define TN 8
#define THREADS 256  // the launch must use exactly this many threads

extern "C" __global__ void sgemm_vectorized(const float* a, const float* b, float* out, int m, int n, int k) {
  __shared__ __align__(16) float as[BK * BM];  // transposed: as[dot * BM + row]
  __shared__ __align__(16) float bs[BK * BN];
  int tid = threadIdx.x;
  int blockRow = blockIdx.y * BM;
  int blockCol = blockIdx.x * BN;
  int threadRow = tid / (BN / TN);
  int threadCol = tid % (BN / TN);
  // A tile 128 x 8 = 256 float4: thread -> row tid / 2, columns (tid % 2) * 4 .. +3.
  int aRow = tid / (BK / 4), aCol = (tid % (BK / 4)) * 4;
  // B tile 8 x 128 = 256 float4: thread -> row tid / 32, columns (tid % 32) * 4 .. +3.
  int bRow = tid / (BN / 4), bCol = (tid % (BN / 4)) * 4;
  // Uniform for the whole grid: may rows of A, B and C be read / written as float4?
  bool vectorA = (k % 4 == 0) && aligned16(a);
  bool vectorB = (n % 4 == 0) && aligned16(b);
  bool vectorC = (n % 4 == 0) && aligned16(out);

  float acc[TM][TN];
#pragma unroll
  for (int i = 0; i < TM; ++i)
#pragma unroll
    for (int j = 0; j < TN; ++j) acc[i][j] = 0.0f;
  float regM[TM];
  float regN[TN];

  for (int t = 0; t < k; t += BK) {
    {
      // load4 (common.cuh): one float4 where allowed and inside the matrix, else 4 guarded scalar loads.
      float4 v = load4(a, m, k, blockRow + aRow, t + aCol, vectorA);
      as[(aCol + 0) * BM + aRow] = v.x;
      as[(aCol + 1) * BM + aRow] = v.y;
      as[(aCol + 2) * BM + aRow] = v.z;
      as[(aCol + 3) * BM + aRow] = v.w;
    }
    *reinterpret_cast<float4*>(&bs[bRow * BN + bCol]) = load4(b, k, n, t + bRow, blockCol + bCol, vectorB);
    __syncthreads();
#pragma unroll
    for (int dot = 0; dot < BK; ++dot) {
#pragma unroll
      for (int i = 0; i < TM; ++i) regM[i] = as[dot * BM + threadRow * TM + i];
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
    if (row >= m) continue;
#pragma unroll
    for (int j = 0; j < TN; j += 4) {
      int col = blockCol + threadCol * TN + j;
      if (col >= n) continue;  // not even the address: &out[i] past the end is undefined behaviour
      float* dst = &out[(size_t)row * n + col];
      if (vectorC && col + 3 < n) {
        *reinterpret_cast<float4*>(dst) = make_float4(acc[i][j], acc[i][j + 1], acc[i][j + 2], acc[i][j + 3]);
      } else {
        if (col + 0 < n) dst[0] = acc[i][j + 0];
        if (col + 1 < n) dst[1] = acc[i][j + 1];
        if (col + 2 < n) dst[2] = acc[i][j + 2];
        if (col + 3 < n) dst[3] = acc[i][j + 3];
      }
    }
  }
}
