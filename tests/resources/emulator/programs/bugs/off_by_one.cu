// Planted bug: the kernel's bound is n + 1, one past the cudaMalloc'd buffer.
#include "../common.h"

__global__ void scale(float* x, float s, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i <= n) x[i] = x[i] * s;
}

int main() {
  int n = 1000;
  float* d_x;
  cudaCheck(cudaMalloc(&d_x, n * sizeof(float)));
  cudaCheck(cudaMemset(d_x, 0, n * sizeof(float)));
  scale<<<ceil_div(n, 128), 128>>>(d_x, 2.0f, n);
  cudaError_t launched = cudaGetLastError();
  std::printf("after the launch: %s\n", cudaGetErrorName(launched));
  cudaCheck(cudaDeviceSynchronize());
  std::printf("not reached\n");
  return 0;
}
