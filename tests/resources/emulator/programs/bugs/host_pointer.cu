// Planted bug: a host array handed to a kernel.
#include "../common.h"
#include <vector>

__global__ void fill(float* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = float(i);
}

int main() {
  int n = 512;
  std::vector<float> host(n);
  fill<<<2, 256>>>(host.data(), n);
  cudaCheck(cudaDeviceSynchronize());
  return 0;
}
