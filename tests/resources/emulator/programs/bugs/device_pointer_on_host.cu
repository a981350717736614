// Planted bug: host code reads cudaMalloc'd memory directly.
#include "../common.h"

int main() {
  float* d_x;
  cudaCheck(cudaMalloc(&d_x, 64 * sizeof(float)));
  cudaCheck(cudaMemset(d_x, 0, 64 * sizeof(float)));
  std::printf("first: %f\n", d_x[3]);
  return 0;
}
