// Each thread reads its right neighbour's slot, then overwrites its own, with no barrier between:
// write-after-read. In thread order the neighbour has not written yet, so the answer looks right;
// in reverse order the neighbour has, and the values are wrong.
__global__ void shift_double(const float* x, float* y, int n) {
  __shared__ float s[64];
  int t = threadIdx.x;
  s[t] = x[t];
  __syncthreads();
  float right = t + 1 < n ? s[t + 1] : 0.0f;
  s[t] = 2.0f * right;
  __syncthreads();
  y[t] = s[t];
}
