// Planted: a compile error on line 4.
__global__ void broken(float* out, int n) {
  int i = threadIdx.x;
  out[i] = n * 2.0f
}
