// @kp kernel:  conv1d_naive
// @kp teaches: out[i] = sum_j w[j] * x[i + j - r] for a centred filter of width = 2r + 1 taps, x zero
// @kp teaches: outside 0..n-1, one thread per output reading all its taps from global memory. Each x[i]
// @kp teaches: is read by the width threads whose windows cover it: width loads an output where one
// @kp teaches: would do (the L1 cache catches many of them; 02 stages them in shared memory). The
// @kp teaches: taps that fall off either end are skipped: the zero padding costs no load.
// @kp check:   conv1d n width
// @kp args:    const float* x, const float* w, float* out, int n, int width
// @kp grid:    cdiv(n, 256), 1, 1
// @kp block:   256, 1, 1
// @kp smem:    0

extern "C" __global__ void conv1d_naive(const float* x, const float* w, float* out, int n, int width) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  int r = width / 2;
  float sum = 0.0f;
  for (int j = 0; j < width; j++) {
    int at = i + j - r;
    if (at >= 0 && at < n) sum += w[j] * x[at];
  }
  out[i] = sum;
}
