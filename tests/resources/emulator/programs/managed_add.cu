// The classic unified-memory "add": one allocation the host and the kernel both use, a grid-stride loop.
#include <iostream>
#include <math.h>

__global__ void add(int n, float *x, float *y) {
  int index = blockIdx.x * blockDim.x + threadIdx.x;
  int stride = blockDim.x * gridDim.x;
  for (int i = index; i < n; i += stride)
    y[i] = x[i] + y[i];
}

int main(int argc, char** argv) {
  int n = argc > 1 ? atoi(argv[1]) : 1 << 20;
  float *x, *y;
  cudaMallocManaged(&x, n * sizeof(float));
  cudaMallocManaged(&y, n * sizeof(float));
  for (int i = 0; i < n; i++) {
    x[i] = 1.0f + i % 7;
    y[i] = 2.0f;
  }
  int blockSize = 256;
  int numBlocks = (n + blockSize - 1) / blockSize;
  add<<<numBlocks, blockSize>>>(n, x, y);
  cudaDeviceSynchronize();
  float maxError = 0.0f;
  for (int i = 0; i < n; i++)
    maxError = fmax(maxError, fabs(y[i] - (3.0f + i % 7)));
  std::cout << "n = " << n << ", max error: " << maxError << std::endl;
  cudaFree(x);
  cudaFree(y);
  return maxError == 0.0f ? 0 : 1;
}
