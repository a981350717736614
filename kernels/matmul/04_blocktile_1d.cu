// @kp kernel:  sgemm_blocktile_1d
// @kp teaches: more work per thread: a block of 512 threads computes a 64x64 tile of C and each
// @kp teaches: thread computes 8 results of one column, kept in registers. For every value of B it
// @kp teaches: reads from shared memory it does 8 multiply-adds, so shared-memory traffic per FLOP
// @kp teaches: drops 8x (arithmetic intensity rises). Tiles: A 64x8, B 8x64, zero-padded at edges.
// @kp check:   matmul m n k
// @kp args:    const float* a, const float* b, float* out, int m, int n, int k
// @kp grid:    cdiv(n, 64), cdiv(m, 64), 1
// @kp block:   512, 1, 1
// @kp smem:    0

#define BM 64
#define BN 64
#define BK 8
#define TM 8
// The launch must use BM * BN / TM = 512 threads: each loads one element of each tile.

extern "C" __global__ void sgemm_blocktile_1d(const float* a, const float* b, float* out, int m, int n, int k) {
  __shared__ float as[BM * BK];
  __shared__ float bs[BK * BN];
  int tid = threadIdx.x;
  int blockRow = blockIdx.y * BM;
  int blockCol = blockIdx.x * BN;
  int threadCol = tid % BN;  // column of C inside the tile
  int threadRow = tid / BN;  // which group of TM rows, 0..7
  int aRow = tid / BK, aCol = tid % BK;  // this thread's element of the A tile (64 x 8)
  int bRow = tid / BN, bCol = tid % BN;  // this thread's element of the B tile (8 x 64)

  float acc[TM];
#pragma unroll
  for (int i = 0; i < TM; ++i) acc[i] = 0.0f;

  for (int t = 0; t < k; t += BK) {
    int ar = blockRow + aRow, ac = t + aCol;
    as[aRow * BK + aCol] = (ar < m && ac < k) ? a[(size_t)ar * k + ac] : 0.0f;
    int br = t + bRow, bc = blockCol + bCol;
    bs[bRow * BN + bCol] = (br < k && bc < n) ? b[(size_t)br * n + bc] : 0.0f;
    __syncthreads();
#pragma unroll
    for (int dot = 0; dot < BK; ++dot) {
      float bValue = bs[dot * BN + threadCol];
#pragma unroll
      for (int i = 0; i < TM; ++i) {
        acc[i] += as[(threadRow * TM + i) * BK + dot] * bValue;
      }
    }
    __syncthreads();
  }
  int col = blockCol + threadCol;
#pragma unroll
  for (int i = 0; i < TM; ++i) {
    int row = blockRow + threadRow * TM + i;
    if (row < m && col < n) {
      out[(size_t)row * n + col] = acc[i];
    }
  }
}
