// Planted bug: a block of 2048 threads.
#include "../common.h"

__global__ void noop(int* x) { if (x) x[0] = 1; }

int main() {
  noop<<<1, 2048>>>(nullptr);
  cudaError_t e = cudaGetLastError();
  std::printf("launch: %s\n", cudaGetErrorName(e));
  cudaError_t again = cudaGetLastError();
  std::printf("then: %s\n", cudaGetErrorName(again));
  return e == cudaErrorInvalidConfiguration ? 0 : 1;
}
