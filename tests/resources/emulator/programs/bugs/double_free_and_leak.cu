// Planted bugs: a buffer freed twice, another never freed.
#include "../common.h"

int main() {
  float *d_a, *d_kept;
  cudaCheck(cudaMalloc(&d_a, 256 * sizeof(float)));
  cudaCheck(cudaMalloc(&d_kept, 100 * sizeof(int)));
  cudaCheck(cudaFree(d_a));
  cudaError_t again = cudaFree(d_a);
  std::printf("second cudaFree: %s\n", cudaGetErrorName(again));
  return 0;
}
