// @kp kernel:  softmax_online
// @kp teaches: the online softmax of Milakov & Gimelshein (2018): one pass computes the max and the
// @kp teaches: sum together. When a new maximum m' appears the running sum is rescaled,
// @kp teaches: d = d * exp(m - m') + exp(x - m'). Two partial (m, d) pairs combine the same way, so
// @kp teaches: the warp reduces pairs with shuffles. Two reads of x instead of three; the same idea
// @kp teaches: makes flash attention possible. One warp per row, 4 rows per block.
// @kp check:   softmax rows cols
// @kp args:    const float* x, float* out, int rows, int cols
// @kp grid:    cdiv(rows, 4), 1, 1
// @kp block:   128, 1, 1
// @kp smem:    0

#define WARPS_PER_BLOCK 4  // blockDim.x must be 32 * WARPS_PER_BLOCK

// exp(from - to) * d, where an empty partial (from = -inf, d = 0) contributes nothing (not NaN).
__device__ __forceinline__ float rescale(float d, float from, float to) {
  return from == -INFINITY ? 0.0f : d * expf(from - to);
}

extern "C" __global__ void softmax_online(const float* x, float* out, int rows, int cols) {
  int lane = threadIdx.x % 32;
  int row = blockIdx.x * WARPS_PER_BLOCK + threadIdx.x / 32;
  if (row >= rows) return;  // the whole warp leaves together
  const float* in = x + (size_t)row * cols;
  float* dst = out + (size_t)row * cols;

  float m = -INFINITY;  // running max of this lane's elements
  float d = 0.0f;       // running sum of exp(x - m)
  for (int c = lane; c < cols; c += 32) {
    float v = in[c];
    if (v > m) {
      d = rescale(d, m, v) + 1.0f;
      m = v;
    } else {
      d += expf(v - m);
    }
  }
  for (int offset = 16; offset > 0; offset /= 2) {
    float otherM = __shfl_xor_sync(0xffffffffu, m, offset);
    float otherD = __shfl_xor_sync(0xffffffffu, d, offset);
    float newM = fmaxf(m, otherM);
    d = rescale(d, m, newM) + rescale(otherD, otherM, newM);
    m = newM;
  }
  for (int c = lane; c < cols; c += 32) dst[c] = expf(in[c] - m) / d;
}
