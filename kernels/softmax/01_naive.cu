// @kp kernel:  softmax_naive
// @kp teaches: row-wise softmax, out = exp(x - max) / sum(exp(x - max)), one thread per row in three
// @kp teaches: passes (max, sum, normalize). Subtracting the row maximum keeps exp from overflowing.
// @kp teaches: Neighbouring threads read elements `cols` floats apart, so no load is coalesced, and
// @kp teaches: a 4096-row matrix keeps only 4096 threads busy: simple, correct and slow.
// @kp check:   softmax rows cols
// @kp args:    const float* x, float* out, int rows, int cols
// @kp grid:    cdiv(rows, 256), 1, 1
// @kp block:   256, 1, 1
// @kp smem:    0

extern "C" __global__ void softmax_naive(const float* x, float* out, int rows, int cols) {
  int row = blockIdx.x * blockDim.x + threadIdx.x;
  if (row >= rows) return;
  const float* in = x + (size_t)row * cols;
  float* dst = out + (size_t)row * cols;
  float maxValue = -INFINITY;
  for (int c = 0; c < cols; ++c) maxValue = fmaxf(maxValue, in[c]);
  float sum = 0.0f;
  for (int c = 0; c < cols; ++c) sum += expf(in[c] - maxValue);
  for (int c = 0; c < cols; ++c) dst[c] = expf(in[c] - maxValue) / sum;
}
