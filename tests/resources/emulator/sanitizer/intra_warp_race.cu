// An intra-warp race: a warp reduction through shared memory without __syncwarp() between the steps.
__global__ void warp_sum(const float* x, float* out) {
  __shared__ float s[32];
  int lane = threadIdx.x;
  s[lane] = x[lane];
  __syncwarp();
  for (int o = 16; o > 0; o /= 2) {
    if (lane < o) s[lane] += s[lane + o];
  }
  if (lane == 0) out[0] = s[0];
}
