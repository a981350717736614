// Planted: a made-up intrinsic name.
__global__ void fancy(float* out) {
  out[threadIdx.x] = __fancy_fast_exp(1.0f);
}
