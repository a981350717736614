// @kp kernel:  conv1d_shared_halo
// @kp teaches: the block's 256 outputs need x from r cells left of its first output to r cells right
// @kp teaches: of its last: a tile of 256 + 2r floats in shared memory, the block's own cells plus r
// @kp teaches: HALO cells on each side that belong to the neighbouring blocks' tiles. The threads load
// @kp teaches: it together, thread t cells t, t + 256, ... (coalesced for any r), zeros where it hangs
// @kp teaches: past either end of x, and the filter too; one barrier; then every tap comes from shared
// @kp teaches: memory. x is read (256 + 2r) / 256 times instead of width times. The tile's size
// @kp teaches: depends on the width, so it is dynamic shared memory (extern __shared__, smem below).
// @kp check:   conv1d n width
// @kp args:    const float* x, const float* w, float* out, int n, int width
// @kp grid:    cdiv(n, 256), 1, 1
// @kp block:   256, 1, 1
// @kp smem:    4 * (256 + 2 * width - 1)

#define THREADS 256  // blockDim.x: outputs per block

extern "C" __global__ void conv1d_shared_halo(const float* x, const float* w, float* out, int n, int width) {
  extern __shared__ float shared[];  // the width taps, then the tile: tile cell c is shared[width + c]
  int r = width / 2;
  int t = threadIdx.x;
  int first = blockIdx.x * THREADS - r;
  for (int j = t; j < width; j += THREADS) shared[j] = w[j];
  for (int c = t; c < THREADS + 2 * r; c += THREADS) {
    int at = first + c;
    shared[width + c] = at >= 0 && at < n ? x[at] : 0.0f;
  }
  __syncthreads();
  int i = blockIdx.x * THREADS + t;
  if (i >= n) return;  // after the barrier: every thread reached it
  float sum = 0.0f;
  for (int j = 0; j < width; j++) sum += shared[j] * shared[width + t + j];  // x[i + j - r] is tile cell t + j
  out[i] = sum;
}
