// A kernel file that includes its neighbour, whose kernel runs too.
#include "helpers.cuh"

__global__ void main_scale(const float* x, float* y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = twice(twice(x[i]));
}
