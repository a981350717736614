// @kp kernel:  attention_fused_online
// @kp teaches: one kernel, no score matrix in memory: a warp owns one query row, keeps q and its
// @kp teaches: part of the output row in registers (lane l holds dimensions l, l+32, l+64, l+96), and
// @kp teaches: walks over the keys once. Each score is a warp-wide dot product (shuffle sum); the
// @kp teaches: online softmax rescales the running output when the max grows: o = o*exp(m-m') +
// @kp teaches: p*v. Every warp re-reads all of K and V from global memory (L2 helps): see 03.
// @kp teaches: Limits: dim <= 128 (the kernel returns without writing for larger dim); any seq.
// @kp check:   attention batch heads seq dim causal
// @kp args:    const float* q, const float* k, const float* v, float* out, int seq, int dim, float scale = 1 / sqrt(dim), int causal
// @kp grid:    cdiv(seq, 4), batch * heads, 1
// @kp block:   128, 1, 1
// @kp smem:    0

#include "../common.cuh"

#define WARPS_PER_BLOCK 4  // blockDim.x must be 32 * WARPS_PER_BLOCK
#define MAX_DIM 128
#define PER_LANE (MAX_DIM / 32)

extern "C" __global__ void attention_fused_online(const float* q, const float* k, const float* v, float* out,
                                                  int seq, int dim, float scale, int causal) {
  if (dim > MAX_DIM) return;
  int lane = threadIdx.x % 32;
  int i = blockIdx.x * WARPS_PER_BLOCK + threadIdx.x / 32;  // query row of this warp
  if (i >= seq) return;  // the whole warp leaves together: no barriers in this kernel
  size_t head = (size_t)blockIdx.y * seq * dim;
  const float* qh = q + head;
  const float* kh = k + head;
  const float* vh = v + head;

  float qReg[PER_LANE], acc[PER_LANE];
#pragma unroll
  for (int c = 0; c < PER_LANE; ++c) {
    int d = lane + 32 * c;
    qReg[c] = d < dim ? qh[(size_t)i * dim + d] : 0.0f;
    acc[c] = 0.0f;
  }
  float m = -INFINITY;  // running max of the scores
  float l = 0.0f;       // running sum of exp(score - m)
  int keys = causal ? i + 1 : seq;
  for (int j = 0; j < keys; ++j) {
    float partial = 0.0f;
#pragma unroll
    for (int c = 0; c < PER_LANE; ++c) {
      int d = lane + 32 * c;
      if (d < dim) partial += qReg[c] * kh[(size_t)j * dim + d];
    }
    float s = warpSum(partial) * scale;  // every lane gets the same score
    float newM = fmaxf(m, s);
    float correction = expf(m - newM);  // exp(-inf) = 0 on the first key
    float p = expf(s - newM);
    l = l * correction + p;
#pragma unroll
    for (int c = 0; c < PER_LANE; ++c) {
      int d = lane + 32 * c;
      float vValue = d < dim ? vh[(size_t)j * dim + d] : 0.0f;
      acc[c] = acc[c] * correction + p * vValue;
    }
    m = newM;
  }
  float inverse = 1.0f / l;
#pragma unroll
  for (int c = 0; c < PER_LANE; ++c) {
    int d = lane + 32 * c;
    if (d < dim) out[head + (size_t)i * dim + d] = acc[c] * inverse;
  }
}
