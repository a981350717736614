// Planted bug: copies n + 16 floats into an allocation of n.
#include "../common.h"
#include <vector>

int main() {
  int n = 4096;
  std::vector<float> host(n + 16, 1.0f);
  float* d_x;
  cudaCheck(cudaMalloc(&d_x, n * sizeof(float)));
  cudaCheck(cudaMemcpy(d_x, host.data(), (n + 16) * sizeof(float), cudaMemcpyHostToDevice));
  cudaCheck(cudaFree(d_x));
  return 0;
}
