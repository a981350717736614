// @kp kernel:  sgemm_shared_tiled
// @kp teaches: shared-memory tiling: a 32x32 block loads a 32x32 tile of A and of B into shared
// @kp teaches: memory once (one element per thread, coalesced), waits at __syncthreads, and then
// @kp teaches: every thread reads 32 values of each tile from fast shared memory: global traffic
// @kp teaches: drops 32x. Tiles that hang over the matrix edge are filled with zeros, so odd m, n, k
// @kp teaches: need no special case in the inner loop; only the final store is guarded.
// @kp check:   matmul m n k
// @kp args:    const float* a, const float* b, float* out, int m, int n, int k
// @kp grid:    cdiv(n, 32), cdiv(m, 32), 1
// @kp block:   32, 32, 1
// @kp smem:    0

#define TILE 32

extern "C" __global__ void sgemm_shared_tiled(const float* a, const float* b, float* out, int m, int n, int k) {
  __shared__ float as[TILE][TILE];
  __shared__ float bs[TILE][TILE];
  int tx = threadIdx.x;
  int ty = threadIdx.y;
  int row = blockIdx.y * TILE + ty;
  int col = blockIdx.x * TILE + tx;
  float sum = 0.0f;
  for (int t = 0; t < k; t += TILE) {
    // Every thread loads (zero-padded) and every thread reaches both barriers, also outside C.
    as[ty][tx] = (row < m && t + tx < k) ? a[(size_t)row * k + t + tx] : 0.0f;
    bs[ty][tx] = (t + ty < k && col < n) ? b[(size_t)(t + ty) * n + col] : 0.0f;
    __syncthreads();
#pragma unroll
    for (int i = 0; i < TILE; ++i) {
      sum += as[ty][i] * bs[i][tx];
    }
    __syncthreads();
  }
  if (row < m && col < n) {
    out[(size_t)row * n + col] = sum;
  }
}
