// Atomics: a histogram (atomicAdd on int), a float sum (atomicAdd on float), and max / min / CAS / Exch.
__global__ void histogram(const int* values, int n, int* bins, int nbins) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
    atomicAdd(&bins[values[i] % nbins], 1);
  }
}

// stats = {sum, max, min}; flags[0] counts threads through atomicCAS, flags[1] ends as some thread's id + 1.
__global__ void reduce_atomics(const float* x, int n, float* stats, int* flags) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    atomicAdd(stats, x[i]);
    atomicMax(stats + 1, x[i]);
    atomicMin(&stats[2], x[i]);
    int old = flags[0], seen;
    do {
      seen = old;
      old = atomicCAS(&flags[0], seen, seen + 1);
    } while (old != seen);
    atomicExch(flags + 1, i + 1);
  }
}

// Warp votes: per warp, out[3w] = ballot of x > 0, out[3w+1] = any(x > 0.9), out[3w+2] = all(x > -2).
__global__ void votes(const float* x, int n, int* out) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = i < n ? x[i] : -1.0f;
  unsigned ballot = __ballot_sync(0xffffffffu, v > 0.0f);
  int any = __any_sync(0xffffffffu, v > 0.9f);
  int all = __all_sync(0xffffffffu, v > -2.0f);
  if (threadIdx.x % 32 == 0) {
    int w = i / 32;
    out[3 * w] = (int)ballot;
    out[3 * w + 1] = any;
    out[3 * w + 2] = all;
  }
  __syncwarp();
}
