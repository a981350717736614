// Includes cuBLAS and cuBLASLt (as benchmark programs do for their baseline) without calling a GEMM; a
// handle is made and destroyed. A call to cublasSgemm would fail at run time, naming it (pass "call").
#include <cublas_v2.h>
#include <cublasLt.h>
#include <curand_kernel.h>
#include <cstring>
#include "common.h"

__global__ void uniform(float* out, unsigned long long seed, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  curandState state;
  curand_init(seed, i, 0, &state);
  out[i] = curand_uniform(&state);
}

int main(int argc, char** argv) {
  cublasHandle_t handle;
  cublasLtHandle_t lt;
  if (cublasCreate(&handle) != CUBLAS_STATUS_SUCCESS || cublasLtCreate(&lt) != CUBLAS_STATUS_SUCCESS) return 1;
  int n = 4099;
  float* d;
  cudaCheck(cudaMallocManaged(&d, n * sizeof(float)));
  uniform<<<ceil_div(n, 128), 128>>>(d, 7ull, n);
  cudaCheck(cudaDeviceSynchronize());
  double mean = 0;
  int outside = 0;
  for (int i = 0; i < n; i++) mean += d[i], outside += d[i] <= 0.0f || d[i] > 1.0f;
  mean /= n;
  std::printf("mean %.3f, %d outside (0, 1]\n", mean, outside);
  int status = 0;
  if (argc > 1 && std::strcmp(argv[1], "call") == 0) {
    float alpha = 1, beta = 0;
    cublasStatus_t s = cublasSgemm(handle, CUBLAS_OP_N, CUBLAS_OP_N, 1, 1, 1, &alpha, d, 1, d, 1, &beta, d, 1);
    std::printf("cublasSgemm: %s\n", cublasGetStatusString(s));
    status = s == CUBLAS_STATUS_SUCCESS ? 0 : 3;
  }
  cublasLtDestroy(lt);
  cublasDestroy(handle);
  cudaCheck(cudaFree(d));
  return outside == 0 && mean > 0.45 && mean < 0.55 ? status : 1;
}
