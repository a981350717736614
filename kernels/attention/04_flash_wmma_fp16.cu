// @kp kernel:  attention_flash_wmma
// @kp teaches: flash attention on tensor cores: fp16 Q, K, V, WMMA 16x16x16 products with fp32
// @kp teaches: accumulation for both S = Q Kᵀ and O += P V, and the softmax in fp32. A block of 2
// @kp teaches: warps owns 32 query rows (16 per warp); K/V tiles of 32 keys are staged in shared
// @kp teaches: memory, zero-padded past seq and past dim (dim is padded to a multiple of 16). K
// @kp teaches: row-major in shared memory is Kᵀ column-major, so S needs no transpose. WMMA's
// @kp teaches: accumulator layout is opaque, so the running output O lives in shared memory where
// @kp teaches: the online-softmax rescaling can reach its rows. P is rounded to fp16 for the tensor
// @kp teaches: cores. Limits: dim <= 128 (returns without writing for larger dim); any seq.
// @kp check:   attention_fp16 batch heads seq dim causal
// @kp args:    const __half* q, const __half* k, const __half* v, float* out, int seq, int dim, float scale = 1 / sqrt(dim), int causal
// @kp grid:    cdiv(seq, 32), batch * heads, 1
// @kp block:   64, 1, 1
// @kp smem:    0

#include "../common.cuh"

#include <cuda_fp16.h>
#include <mma.h>

using namespace nvcuda;

#define WARPS 2          // blockDim.x must be 32 * WARPS
#define BR (16 * WARPS)  // query rows per block, 16 per warp
#define BC 32            // keys per tile
#define MAX_DIM 128

extern "C" __global__ void attention_flash_wmma(const __half* q, const __half* k, const __half* v, float* out,
                                                int seq, int dim, float scale, int causal) {
  // Row strides are dp = dim rounded up to 16, so every 16x16 tile starts 32-byte aligned.
  __shared__ __align__(32) __half qs[BR * MAX_DIM];
  __shared__ __align__(32) __half ks[BC * MAX_DIM];
  __shared__ __align__(32) __half vs[BC * MAX_DIM];
  __shared__ __align__(32) float ss[WARPS][16 * BC];   // a warp's scores; later its 16x16 P*V piece
  __shared__ __align__(32) __half ps[WARPS][16 * BC];  // a warp's probabilities in fp16
  __shared__ __align__(32) float os[WARPS][16 * MAX_DIM];  // a warp's running output rows (fp32)
  __shared__ float rowMax[BR], rowSum[BR];
  if (dim > MAX_DIM) return;  // uniform for the whole grid
  int tid = threadIdx.x;
  int lane = tid % 32, warp = tid / 32;
  int dp = (dim + 15) / 16 * 16;
  int q0 = blockIdx.x * BR;
  size_t head = (size_t)blockIdx.y * seq * dim;
  const __half zero = __float2half(0.0f);

  for (int e = tid; e < BR * dp; e += blockDim.x) {
    int r = e / dp, d = e % dp;
    qs[e] = (q0 + r < seq && d < dim) ? q[head + (size_t)(q0 + r) * dim + d] : zero;
  }
  for (int e = lane; e < 16 * dp; e += 32) os[warp][e] = 0.0f;
  if (lane < 16) {
    rowMax[warp * 16 + lane] = -INFINITY;
    rowSum[warp * 16 + lane] = 0.0f;
  }
  float* myScores = ss[warp];
  __half* myP = ps[warp];
  float* myO = os[warp];

  int keyEnd = causal ? min(seq, q0 + BR) : seq;
  for (int k0 = 0; k0 < keyEnd; k0 += BC) {
    __syncthreads();  // the previous K/V tile is no longer read (first time: qs is complete)
    for (int e = tid; e < BC * dp; e += blockDim.x) {
      int j = e / dp, d = e % dp;
      bool inside = k0 + j < seq && d < dim;
      ks[e] = inside ? k[head + (size_t)(k0 + j) * dim + d] : zero;
      vs[e] = inside ? v[head + (size_t)(k0 + j) * dim + d] : zero;
    }
    __syncthreads();

    // S (16 x 32) = Q rows of this warp (16 x dp) * K tile transposed (dp x 32).
    for (int nf = 0; nf < BC / 16; ++nf) {
      wmma::fragment<wmma::accumulator, 16, 16, 16, float> sFrag;
      wmma::fill_fragment(sFrag, 0.0f);
      for (int d0 = 0; d0 < dp; d0 += 16) {
        wmma::fragment<wmma::matrix_a, 16, 16, 16, __half, wmma::row_major> qFrag;
        wmma::fragment<wmma::matrix_b, 16, 16, 16, __half, wmma::col_major> kFrag;
        wmma::load_matrix_sync(qFrag, &qs[(warp * 16) * dp + d0], dp);
        wmma::load_matrix_sync(kFrag, &ks[(nf * 16) * dp + d0], dp);
        wmma::mma_sync(sFrag, qFrag, kFrag, sFrag);
      }
      wmma::store_matrix_sync(&myScores[nf * 16], sFrag, BC, wmma::mem_row_major);
    }
    __syncwarp();

    // Online softmax, one row at a time, lane j = key k0 + j; fp32 throughout.
    for (int r = 0; r < 16; ++r) {
      int i = q0 + warp * 16 + r;  // query index (may be >= seq: computed, never stored)
      int key = k0 + lane;
      float s = myScores[r * BC + lane] * scale;
      if (key >= seq || (causal && key > i)) s = -INFINITY;
      float oldM = rowMax[warp * 16 + r];
      float newM = fmaxf(oldM, warpMax(s));
      float p = s == -INFINITY ? 0.0f : expf(s - newM);
      float correction = oldM == -INFINITY ? 0.0f : expf(oldM - newM);
      float tileSum = warpSum(p);  // all lanes have read rowMax / rowSum before lane 0 writes below
      myP[r * BC + lane] = __float2half(p);
      for (int d = lane; d < dp; d += 32) myO[r * dp + d] *= correction;
      if (lane == 0) {
        rowSum[warp * 16 + r] = rowSum[warp * 16 + r] * correction + tileSum;
        rowMax[warp * 16 + r] = newM;
      }
    }
    __syncwarp();

    // O (16 x dp) += P (16 x 32) * V tile (32 x dp), one 16-column piece at a time via ss.
    for (int d0 = 0; d0 < dp; d0 += 16) {
      wmma::fragment<wmma::accumulator, 16, 16, 16, float> oFrag;
      wmma::fill_fragment(oFrag, 0.0f);
      for (int kf = 0; kf < BC / 16; ++kf) {
        wmma::fragment<wmma::matrix_a, 16, 16, 16, __half, wmma::row_major> pFrag;
        wmma::fragment<wmma::matrix_b, 16, 16, 16, __half, wmma::row_major> vFrag;
        wmma::load_matrix_sync(pFrag, &myP[kf * 16], BC);
        wmma::load_matrix_sync(vFrag, &vs[(kf * 16) * dp + d0], dp);
        wmma::mma_sync(oFrag, pFrag, vFrag, oFrag);
      }
      wmma::store_matrix_sync(myScores, oFrag, 16, wmma::mem_row_major);
      __syncwarp();
      for (int e = lane; e < 256; e += 32) myO[(e / 16) * dp + d0 + e % 16] += myScores[e];
      __syncwarp();
    }
  }
  __syncwarp();
  for (int e = lane; e < 16 * dim; e += 32) {
    int r = e / dim, d = e % dim;
    int i = q0 + warp * 16 + r;
    if (i < seq) out[head + (size_t)i * dim + d] = myO[r * dp + d] / rowSum[warp * 16 + r];
  }
}
