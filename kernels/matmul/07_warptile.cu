// @kp kernel:  sgemm_warptile
// @kp teaches: a third level of tiling between the block and the thread: the warp. The 8 warps of
// @kp teaches: a 256-thread block each own a 64x32 region of the block's 128x128 tile of C; inside
// @kp teaches: it a thread computes 2 sub-tiles of 8x4 (64 results in registers). A warp's threads
// @kp teaches: then read a compact 64x16 strip of shared memory, which keeps the loads of one warp
// @kp teaches: in few bank rows and mirrors how tensor-core kernels split work (see 08). BK = 16,
// @kp teaches: A stored transposed, float4 global loads with the scalar fallback of 06.
// @kp check:   matmul m n k
// @kp args:    const float* a, const float* b, float* out, int m, int n, int k
// @kp grid:    cdiv(n, 128), cdiv(m, 128), 1
// @kp block:   256, 1, 1
// @kp smem:    0

#include "../common.cuh"

#define BM 128
#define BN 128
#define BK 16
#define WM 64            // warp tile: 64 rows
#define WN 32            // ... by 32 columns; (BM / WM) * (BN / WN) = 8 warps
#define WNITER 2         // the warp tile is split into WNITER sub-tiles along n
#define WSUBN (WN / WNITER)   // 16 columns per sub-tile
#define TM 8             // a thread computes TM x TN of each sub-tile
#define TN 4
#define THREADS 256      // the launch must use exactly this many threads
// Inside a sub-tile the 32 lanes form an 8 x 4 grid: 8 * TM = 64 = WM rows, 4 * TN = 16 = WSUBN columns.

extern "C" __global__ void sgemm_warptile(const float* a, const float* b, float* out, int m, int n, int k) {
  __shared__ __align__(16) float as[BK * BM];  // transposed: as[dot * BM + row]
  __shared__ __align__(16) float bs[BK * BN];
  int tid = threadIdx.x;
  int blockRow = blockIdx.y * BM;
  int blockCol = blockIdx.x * BN;
  int warp = tid / 32, lane = tid % 32;
  int warpRow = warp / (BN / WN);  // 0..1
  int warpCol = warp % (BN / WN);  // 0..3
  int laneRow = lane / (WSUBN / TN);  // 0..7
  int laneCol = lane % (WSUBN / TN);  // 0..3
  // A tile 128 x 16 = 512 float4, two per thread: rows aRow and aRow + 64.
  int aRow = tid / (BK / 4), aCol = (tid % (BK / 4)) * 4;
  const int aStride = THREADS / (BK / 4);  // 64
  // B tile 16 x 128 = 512 float4, two per thread: rows bRow and bRow + 8.
  int bRow = tid / (BN / 4), bCol = (tid % (BN / 4)) * 4;
  const int bStride = THREADS / (BN / 4);  // 8
  bool vectorA = (k % 4 == 0) && aligned16(a);
  bool vectorB = (n % 4 == 0) && aligned16(b);
  bool vectorC = (n % 4 == 0) && aligned16(out);

  float acc[TM][WNITER * TN];
#pragma unroll
  for (int i = 0; i < TM; ++i)
#pragma unroll
    for (int j = 0; j < WNITER * TN; ++j) acc[i][j] = 0.0f;
  float regM[TM];
  float regN[WNITER * TN];

  for (int t = 0; t < k; t += BK) {
#pragma unroll
    for (int off = 0; off < BM; off += aStride) {
      float4 v = load4(a, m, k, blockRow + aRow + off, t + aCol, vectorA);
      as[(aCol + 0) * BM + aRow + off] = v.x;
      as[(aCol + 1) * BM + aRow + off] = v.y;
      as[(aCol + 2) * BM + aRow + off] = v.z;
      as[(aCol + 3) * BM + aRow + off] = v.w;
    }
#pragma unroll
    for (int off = 0; off < BK; off += bStride) {
      float4 v = load4(b, k, n, t + bRow + off, blockCol + bCol, vectorB);
      *reinterpret_cast<float4*>(&bs[(bRow + off) * BN + bCol]) = v;
    }
    __syncthreads();
#pragma unroll
    for (int dot = 0; dot < BK; ++dot) {
#pragma unroll
      for (int i = 0; i < TM; ++i) {
        regM[i] = as[dot * BM + warpRow * WM + laneRow * TM + i];
      }
#pragma unroll
      for (int s = 0; s < WNITER; ++s)
#pragma unroll
        for (int j = 0; j < TN; ++j) {
          regN[s * TN + j] = bs[dot * BN + warpCol * WN + s * WSUBN + laneCol * TN + j];
        }
#pragma unroll
      for (int i = 0; i < TM; ++i)
#pragma unroll
        for (int j = 0; j < WNITER * TN; ++j) acc[i][j] += regM[i] * regN[j];
    }
    __syncthreads();
  }
#pragma unroll
  for (int i = 0; i < TM; ++i) {
    int row = blockRow + warpRow * WM + laneRow * TM + i;
    if (row >= m) continue;
#pragma unroll
    for (int s = 0; s < WNITER; ++s) {
      int col = blockCol + warpCol * WN + s * WSUBN + laneCol * TN;  // TN == 4: one float4
      if (col >= n) continue;  // not even the address: &out[i] past the end is undefined behaviour
      float* dst = &out[(size_t)row * n + col];
      const float* v = &acc[i][s * TN];
      if (vectorC && col + 3 < n) {
        *reinterpret_cast<float4*>(dst) = make_float4(v[0], v[1], v[2], v[3]);
      } else {
        if (col + 0 < n) dst[0] = v[0];
        if (col + 1 < n) dst[1] = v[1];
        if (col + 2 < n) dst[2] = v[2];
        if (col + 3 < n) dst[3] = v[3];
      }
    }
  }
}
