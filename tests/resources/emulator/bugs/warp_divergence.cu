// Planted bug: half of the warp shuffles, naming the whole warp in its mask.
__global__ void half_shuffle(float* x) {
  float v = x[threadIdx.x];
  if (threadIdx.x < 16) {
    v += __shfl_down_sync(0xffffffffu, v, 1);
  }
  x[threadIdx.x] = v;
}
