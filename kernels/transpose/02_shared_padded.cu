// @kp kernel:  transpose_shared_padded
// @kp teaches: coalesced on both sides: a block of 32x8 threads reads a 32x32 tile of x row by row
// @kp teaches: (each thread 4 rows, 8 apart; a warp reads 32 neighbouring floats), waits at
// @kp teaches: __syncthreads, and writes the tile's columns as rows of out (a warp writes 32 neighbours).
// @kp teaches: The turn happens in shared memory, which has 32 banks of 4 bytes: a column of a
// @kp teaches: float[32][32] tile lies in one bank, and reading it is a 32-way bank conflict. One padding
// @kp teaches: column, float[32][33], moves each row one bank on, so a column spans all 32 banks. At the
// @kp teaches: edges of an odd-sized matrix the loads and stores are guarded, never the barrier.
// @kp check:   transpose rows cols
// @kp args:    const float* x, float* out, int rows, int cols
// @kp grid:    cdiv(cols, 32), cdiv(rows, 32), 1
// @kp block:   32, 8, 1
// @kp smem:    0

#define TILE 32
#define ROWS_PER_PASS 8  // blockDim.y: each thread moves TILE / ROWS_PER_PASS elements

extern "C" __global__ void transpose_shared_padded(const float* x, float* out, int rows, int cols) {
  __shared__ float tile[TILE][TILE + 1];  // + 1: the padding column
  int row0 = blockIdx.y * TILE;           // the tile's first row and column in x
  int col0 = blockIdx.x * TILE;
  int col = col0 + threadIdx.x;
  for (int j = threadIdx.y; j < TILE; j += ROWS_PER_PASS) {
    int row = row0 + j;
    if (row < rows && col < cols) {
      tile[j][threadIdx.x] = x[(size_t)row * cols + col];
    }
  }
  __syncthreads();
  // Row col0 + j of out is column col0 + j of x: its elements row0 + threadIdx.x are the tile's column j.
  int outCol = row0 + threadIdx.x;
  for (int j = threadIdx.y; j < TILE; j += ROWS_PER_PASS) {
    int outRow = col0 + j;
    if (outRow < cols && outCol < rows) {
      out[(size_t)outRow * rows + outCol] = tile[threadIdx.x][j];
    }
  }
}
