// @kp kernel:  attention_flash_tiled
// @kp teaches: flash attention's tiling: a block takes 16 query rows and streams K and V through
// @kp teaches: shared memory 32 keys at a time, so each K/V element is read from global memory
// @kp teaches: once per block instead of once per query. Per tile, lane j of a warp scores key j
// @kp teaches: for one query (32 scores in parallel), the warp finds the tile max with shuffles,
// @kp teaches: rescales its running output (online softmax) and adds p_j * V[j] with p_j broadcast
// @kp teaches: by __shfl_sync. With causal masking whole tiles past the block's last query are
// @kp teaches: skipped. Limits: dim <= 128 (returns without writing for larger dim); any seq.
// @kp check:   attention batch heads seq dim causal
// @kp args:    const float* q, const float* k, const float* v, float* out, int seq, int dim, float scale = 1 / sqrt(dim), int causal
// @kp grid:    cdiv(seq, 16), batch * heads, 1
// @kp block:   128, 1, 1
// @kp smem:    0

#include "../common.cuh"

#define BR 16           // query rows per block
#define BC 32           // keys per tile (one per lane)
#define WARPS 4         // blockDim.x must be 32 * WARPS
#define ROWS_PER_WARP (BR / WARPS)
#define MAX_DIM 128
#define PER_LANE (MAX_DIM / 32)
#define K_STRIDE (MAX_DIM + 1)  // lane j reads row j of K: the +1 puts consecutive rows in different banks

extern "C" __global__ void attention_flash_tiled(const float* q, const float* k, const float* v, float* out,
                                                 int seq, int dim, float scale, int causal) {
  __shared__ float qs[BR][MAX_DIM];
  __shared__ float ks[BC][K_STRIDE];
  __shared__ float vs[BC][MAX_DIM];
  if (dim > MAX_DIM) return;  // uniform for the whole grid: no barrier is skipped by only some threads
  int tid = threadIdx.x;
  int lane = tid % 32, warp = tid / 32;
  int q0 = blockIdx.x * BR;  // first query row of this block
  size_t head = (size_t)blockIdx.y * seq * dim;

  for (int e = tid; e < BR * dim; e += blockDim.x) {
    int r = e / dim, d = e % dim;
    qs[r][d] = q0 + r < seq ? q[head + (size_t)(q0 + r) * dim + d] : 0.0f;
  }

  float m[ROWS_PER_WARP], l[ROWS_PER_WARP], acc[ROWS_PER_WARP][PER_LANE];
#pragma unroll
  for (int r = 0; r < ROWS_PER_WARP; ++r) {
    m[r] = -INFINITY;
    l[r] = 0.0f;
#pragma unroll
    for (int c = 0; c < PER_LANE; ++c) acc[r][c] = 0.0f;
  }

  // With the causal mask no query of this block sees a key past its last row.
  int keyEnd = causal ? min(seq, q0 + BR) : seq;
  for (int k0 = 0; k0 < keyEnd; k0 += BC) {
    __syncthreads();  // the previous tile is no longer read (and, the first time, qs is written)
    for (int e = tid; e < BC * dim; e += blockDim.x) {
      int j = e / dim, d = e % dim;
      bool inside = k0 + j < seq;
      ks[j][d] = inside ? k[head + (size_t)(k0 + j) * dim + d] : 0.0f;
      vs[j][d] = inside ? v[head + (size_t)(k0 + j) * dim + d] : 0.0f;
    }
    __syncthreads();
#pragma unroll
    for (int r = 0; r < ROWS_PER_WARP; ++r) {
      int row = warp * ROWS_PER_WARP + r;  // row inside the block's query tile
      int i = q0 + row;                    // query index (may be >= seq: computed, never stored)
      int key = k0 + lane;
      float s = -INFINITY;
      if (key < seq && !(causal && key > i)) {
        float dot = 0.0f;
        for (int d = 0; d < dim; ++d) dot += qs[row][d] * ks[lane][d];
        s = dot * scale;
      }
      float tileMax = warpMax(s);
      float newM = fmaxf(m[r], tileMax);
      // A row whose keys are all masked so far keeps newM = -inf: guard exp(-inf - -inf) = NaN.
      float p = s == -INFINITY ? 0.0f : expf(s - newM);
      float correction = m[r] == -INFINITY ? 0.0f : expf(m[r] - newM);
      l[r] = l[r] * correction + warpSum(p);
      m[r] = newM;
#pragma unroll
      for (int c = 0; c < PER_LANE; ++c) acc[r][c] *= correction;
      for (int j = 0; j < BC; ++j) {
        float pj = __shfl_sync(0xffffffffu, p, j);
#pragma unroll
        for (int c = 0; c < PER_LANE; ++c) {
          int d = lane + 32 * c;
          if (d < dim) acc[r][c] += pj * vs[j][d];
        }
      }
    }
  }
#pragma unroll
  for (int r = 0; r < ROWS_PER_WARP; ++r) {
    int i = q0 + warp * ROWS_PER_WARP + r;
    if (i >= seq) continue;
    float inverse = 1.0f / l[r];
#pragma unroll
    for (int c = 0; c < PER_LANE; ++c) {
      int d = lane + 32 * c;
      if (d < dim) out[head + (size_t)i * dim + d] = acc[r][c] * inverse;
    }
  }
}
