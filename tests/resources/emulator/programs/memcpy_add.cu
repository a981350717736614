// Vector add with explicit device buffers, copies both ways and every call checked.
// Usage: memcpy_add N SEED
#include "common.h"
#include <vector>
#include <random>

__global__ void vector_add(const float* a, const float* b, float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) c[i] = a[i] + b[i];
}

int main(int argc, char** argv) {
  int n = argc > 1 ? std::atoi(argv[1]) : 1'000'003;
  unsigned seed = argc > 2 ? unsigned(std::atoi(argv[2])) : 1u;
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<float> a(n), b(n), c(n);
  for (int i = 0; i < n; i++) a[i] = dist(rng), b[i] = dist(rng);

  float *d_a, *d_b, *d_c;
  size_t bytes = size_t(n) * sizeof(float);
  cudaCheck(cudaMalloc(&d_a, bytes));
  cudaCheck(cudaMalloc((void**)&d_b, bytes));
  cudaCheck(cudaMalloc(&d_c, bytes));
  cudaCheck(cudaMemcpy(d_a, a.data(), bytes, cudaMemcpyHostToDevice));
  cudaCheck(cudaMemcpy(d_b, b.data(), bytes, cudaMemcpyDefault));
  int block = 256;
  vector_add<<<ceil_div(n, block), block>>>(d_a, d_b, d_c, n);
  cudaCheck(cudaGetLastError());
  cudaCheck(cudaDeviceSynchronize());
  cudaCheck(cudaMemcpy(c.data(), d_c, bytes, cudaMemcpyDeviceToHost));
  int wrong = 0;
  for (int i = 0; i < n; i++)
    if (c[i] != a[i] + b[i]) wrong++;
  std::printf("n=%d seed=%u wrong=%d\n", n, seed, wrong);
  cudaCheck(cudaFree(d_a));
  cudaCheck(cudaFree(d_b));
  cudaCheck(cudaFree(d_c));
  return wrong == 0 ? 0 : 1;
}
