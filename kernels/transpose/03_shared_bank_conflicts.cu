// @kp kernel:  transpose_shared_conflicts
// @kp teaches: 02_shared_padded without its padding column, to see what the padding buys: the tile is
// @kp teaches: float[32][32], so element (r, c) sits in bank c. A warp stores a row of the tile (32
// @kp teaches: banks, one wavefront) but reads back a column: 32 words of one bank, a 32-way bank
// @kp teaches: conflict that the hardware serves in 32 wavefronts. The results are the same; only the
// @kp teaches: time spent in shared memory differs (lesson 10).
// @kp check:   transpose rows cols
// @kp args:    const float* x, float* out, int rows, int cols
// @kp grid:    cdiv(cols, 32), cdiv(rows, 32), 1
// @kp block:   32, 8, 1
// @kp smem:    0

#define TILE 32
#define ROWS_PER_PASS 8  // blockDim.y: each thread moves TILE / ROWS_PER_PASS elements

extern "C" __global__ void transpose_shared_conflicts(const float* x, float* out, int rows, int cols) {
  __shared__ float tile[TILE][TILE];  // no padding: a column of the tile is one bank
  int row0 = blockIdx.y * TILE;
  int col0 = blockIdx.x * TILE;
  int col = col0 + threadIdx.x;
  for (int j = threadIdx.y; j < TILE; j += ROWS_PER_PASS) {
    int row = row0 + j;
    if (row < rows && col < cols) {
      tile[j][threadIdx.x] = x[(size_t)row * cols + col];  // a warp writes row j: banks 0..31
    }
  }
  __syncthreads();
  int outCol = row0 + threadIdx.x;
  for (int j = threadIdx.y; j < TILE; j += ROWS_PER_PASS) {
    int outRow = col0 + j;
    if (outRow < cols && outCol < rows) {
      out[(size_t)outRow * rows + outCol] = tile[threadIdx.x][j];  // a warp reads column j: all in bank j
    }
  }
}
