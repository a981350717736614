// @kp teaches: attention as three separate kernels, out = softmax(scale * Q Kᵀ + mask) V, per
// @kp teaches: (batch, head). Kernel 1 writes the full seq x seq score matrix S to global memory
// @kp teaches: (masked entries, key j > query i when causal, become -inf), kernel 2 turns each row
// @kp teaches: of S into probabilities in place, kernel 3 multiplies them with V. S costs
// @kp teaches: batch*heads*seq*seq floats of memory and is written and read twice: the traffic
// @kp teaches: that flash attention (03) removes. Any seq and dim.
// @kp check:   attention batch heads seq dim causal
//
// @kp kernel:  attention_scores
// @kp args:    const float* q, const float* k, float* scores[batch * heads * seq * seq], int seq, int dim, float scale = 1 / sqrt(dim), int causal
// @kp grid:    cdiv(seq, 16), cdiv(seq, 16), batch * heads
// @kp block:   16, 16, 1
// @kp smem:    0
//
// @kp kernel:  attention_softmax
// @kp args:    float* scores[batch * heads * seq * seq], int rows = batch * heads * seq, int seq
// @kp grid:    cdiv(batch * heads * seq, 256), 1, 1
// @kp block:   256, 1, 1
// @kp smem:    0
//
// @kp kernel:  attention_pv
// @kp args:    const float* scores[batch * heads * seq * seq], const float* v, float* out, int seq, int dim
// @kp grid:    cdiv(dim, 16), cdiv(seq, 16), batch * heads
// @kp block:   16, 16, 1
// @kp smem:    0

// q, k, v, out: [batch, heads, seq, dim] row-major; scores: [batch, heads, seq, seq].
// blockIdx.z = batch * heads + head.

// S[i][j] = scale * dot(Q[i], K[j]), or -inf where the causal mask hides key j from query i.
extern "C" __global__ void attention_scores(const float* q, const float* k, float* scores, int seq, int dim,
                                            float scale, int causal) {
  int j = blockIdx.x * blockDim.x + threadIdx.x;  // key
  int i = blockIdx.y * blockDim.y + threadIdx.y;  // query
  size_t bh = blockIdx.z;
  if (i >= seq || j >= seq) return;
  float value;
  if (causal && j > i) {
    value = -INFINITY;
  } else {
    const float* qi = q + (bh * seq + i) * dim;
    const float* kj = k + (bh * seq + j) * dim;
    float dot = 0.0f;
    for (int d = 0; d < dim; ++d) dot += qi[d] * kj[d];
    value = dot * scale;
  }
  scores[(bh * seq + i) * seq + j] = value;
}

// Each row of S (one query) becomes softmax probabilities, in place; one thread per row.
// exp(-inf - max) = 0: masked keys get probability 0. Key 0 is never masked, so max is finite.
extern "C" __global__ void attention_softmax(float* scores, int rows, int seq) {
  int row = blockIdx.x * blockDim.x + threadIdx.x;
  if (row >= rows) return;
  float* s = scores + (size_t)row * seq;
  float maxValue = -INFINITY;
  for (int j = 0; j < seq; ++j) maxValue = fmaxf(maxValue, s[j]);
  float sum = 0.0f;
  for (int j = 0; j < seq; ++j) {
    float e = expf(s[j] - maxValue);
    s[j] = e;
    sum += e;
  }
  float inverse = 1.0f / sum;
  for (int j = 0; j < seq; ++j) s[j] *= inverse;
}

// O[i][d] = sum over j of P[i][j] * V[j][d].
extern "C" __global__ void attention_pv(const float* scores, const float* v, float* out, int seq, int dim) {
  int d = blockIdx.x * blockDim.x + threadIdx.x;  // output column (head dimension)
  int i = blockIdx.y * blockDim.y + threadIdx.y;  // query
  size_t bh = blockIdx.z;
  if (i >= seq || d >= dim) return;
  const float* p = scores + (bh * seq + i) * seq;
  const float* vh = v + bh * seq * dim;
  float sum = 0.0f;
  for (int j = 0; j < seq; ++j) sum += p[j] * vh[(size_t)j * dim + d];
  out[(bh * seq + i) * dim + d] = sum;
}
