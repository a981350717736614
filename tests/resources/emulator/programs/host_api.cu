// The rest of the host API a single-file program uses, each step checked by the program itself against what
// CUDA specifies; prints "FAIL <what>" for each step that is not, and "host API: N failures".
// Usage: host_api N SEED
#include "common.h"
#include <cstring>
#include <random>
#include <string>
#include <vector>

__constant__ float c_coeffs[8];
__device__ int d_counter;

__global__ void poly(const float* x, float* y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float acc = 0;
  for (int k = 7; k >= 0; k--) acc = acc * x[i] + c_coeffs[k];
  y[i] = acc;
  atomicAdd(&d_counter, 1);
}

// Reverses each block's slice through 64 KiB of dynamic shared memory (needs the opt-in above 48 KiB).
__global__ void reverse_big(const int* in, int* out, int perBlock) {
  extern __shared__ int buffer[];
  int base = blockIdx.x * perBlock;
  for (int i = threadIdx.x; i < perBlock; i += blockDim.x) buffer[i] = in[base + i];
  __syncthreads();
  for (int i = threadIdx.x; i < perBlock; i += blockDim.x) out[base + i] = buffer[perBlock - 1 - i];
}

__global__ void racy(int* out) {
  __shared__ int s[64];
  s[threadIdx.x] = threadIdx.x;
  out[threadIdx.x] = s[(threadIdx.x + 1) % 64];  // no __syncthreads(): a race
}

static int failures = 0;
#define EXPECT(cond, what)                         \
  do {                                             \
    if (!(cond)) {                                 \
      std::printf("FAIL %s (line %d)\n", what, __LINE__); \
      failures++;                                  \
    }                                              \
  } while (0)

int main(int argc, char** argv) {
  int n = argc > 1 ? std::atoi(argv[1]) : 1000;
  unsigned seed = argc > 2 ? unsigned(std::atoi(argv[2])) : 1u;
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);

  int count = -1, device = -1, value = 0;
  EXPECT(cudaGetDeviceCount(&count) == cudaSuccess && count == 1, "one device");
  EXPECT(cudaSetDevice(0) == cudaSuccess && cudaGetDevice(&device) == cudaSuccess && device == 0, "device 0");
  EXPECT(cudaSetDevice(1) == cudaErrorInvalidDevice, "no device 1");
  EXPECT(cudaGetLastError() == cudaErrorInvalidDevice && cudaGetLastError() == cudaSuccess, "last error is reset");
  EXPECT(cudaDeviceGetAttribute(&value, cudaDevAttrMultiProcessorCount, 0) == cudaSuccess && value == 128, "SMs");
  EXPECT(cudaDeviceGetAttribute(&value, cudaDevAttrMaxSharedMemoryPerBlockOptin, 0) == cudaSuccess && value == 101376,
         "opt-in shared memory");
  EXPECT(std::string(cudaGetErrorString(cudaErrorIllegalAddress)) == "an illegal memory access was encountered",
         "error string");

  // symbols
  float coeffs[8], back[8];
  for (float& c : coeffs) c = dist(rng);
  EXPECT(cudaMemcpyToSymbol(c_coeffs, coeffs, sizeof coeffs) == cudaSuccess, "to symbol");
  EXPECT(cudaMemcpyFromSymbol(back, c_coeffs, sizeof back) == cudaSuccess && std::memcmp(back, coeffs, sizeof back) == 0,
         "from symbol");
  EXPECT(cudaMemcpyToSymbol(c_coeffs, coeffs, sizeof coeffs, 4) == cudaErrorInvalidValue, "symbol copy past its end");
  int zero = 0;
  cudaCheck(cudaMemcpyToSymbol(d_counter, &zero, sizeof zero));

  // streams, async copies and memset, pinned memory, events
  cudaStream_t stream;
  cudaCheck(cudaStreamCreate(&stream));
  float *h_x, *h_y, *d_x, *d_y;
  cudaCheck(cudaMallocHost(&h_x, n * sizeof(float)));
  cudaCheck(cudaHostAlloc(&h_y, n * sizeof(float), cudaHostAllocDefault));
  cudaCheck(cudaMalloc(&d_x, n * sizeof(float)));
  cudaCheck(cudaMalloc(&d_y, n * sizeof(float)));
  for (int i = 0; i < n; i++) h_x[i] = dist(rng);
  cudaCheck(cudaMemsetAsync(d_y, 0, n * sizeof(float), stream));
  cudaCheck(cudaMemcpyAsync(d_x, h_x, n * sizeof(float), cudaMemcpyHostToDevice, stream));
  poly<<<ceil_div(n, 128), 128, 0, stream>>>(d_x, d_y, n);
  cudaCheck(cudaMemcpyAsync(h_y, d_y, n * sizeof(float), cudaMemcpyDeviceToHost, stream));
  cudaCheck(cudaStreamSynchronize(stream));
  int wrong = 0;
  for (int i = 0; i < n; i++) {
    float acc = 0;
    for (int k = 7; k >= 0; k--) acc = acc * h_x[i] + coeffs[k];
    wrong += std::fabs(acc - h_y[i]) > 1e-5f;
  }
  EXPECT(wrong == 0, "poly through a stream");
  int counted = 0;
  cudaCheck(cudaMemcpyFromSymbol(&counted, d_counter, sizeof counted));
  EXPECT(counted == n, "a __device__ counter");

  // a typed cudaLaunchKernel, dynamic shared memory above 48 KiB with and without the opt-in
  int perBlock = 16384, blocks = 3;
  int *d_in, *d_out;
  std::vector<int> in(perBlock * blocks), out(perBlock * blocks);
  for (int& v : in) v = int(rng() % 1000);
  cudaCheck(cudaMalloc(&d_in, in.size() * sizeof(int)));
  cudaCheck(cudaMalloc(&d_out, out.size() * sizeof(int)));
  cudaCheck(cudaMemcpy(d_in, in.data(), in.size() * sizeof(int), cudaMemcpyHostToDevice));
  size_t smem = perBlock * sizeof(int);
  void* args[] = {&d_in, &d_out, &perBlock};
  EXPECT(cudaLaunchKernel(reverse_big, dim3(blocks), dim3(256), args, smem, 0) == cudaErrorInvalidConfiguration,
         "64 KiB without the opt-in is refused");
  EXPECT(cudaGetLastError() == cudaErrorInvalidConfiguration, "and recorded");
  cudaCheck(cudaFuncSetAttribute(reverse_big, cudaFuncAttributeMaxDynamicSharedMemorySize, int(smem)));
  cudaCheck(cudaLaunchKernel(reverse_big, dim3(blocks), dim3(256), args, smem, 0));
  cudaCheck(cudaMemcpy(out.data(), d_out, out.size() * sizeof(int), cudaMemcpyDeviceToHost));
  for (int b = 0; b < blocks; b++)
    for (int i = 0; i < perBlock; i++)
      if (out[b * perBlock + i] != in[b * perBlock + perBlock - 1 - i]) wrong++;
  EXPECT(wrong == 0, "reverse through 64 KiB of shared memory");

  int minGrid = 0, bestBlock = 0, active = 0;
  cudaCheck(cudaOccupancyMaxPotentialBlockSize(&minGrid, &bestBlock, poly));
  cudaCheck(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&active, poly, bestBlock, 0));
  EXPECT(bestBlock > 0 && bestBlock % 32 == 0 && active * bestBlock == 1536 && minGrid == active * 128,
         "occupancy: a block size that fills an SM");

  cudaCheck(cudaStreamDestroy(stream));
  cudaCheck(cudaFreeHost(h_x));
  cudaCheck(cudaFreeHost(h_y));

  // a race in shared memory ends the launch with a sticky cudaErrorLaunchFailure
  int* d_race;
  cudaCheck(cudaMalloc(&d_race, 64 * sizeof(int)));
  racy<<<1, 64>>>(d_race);
  EXPECT(cudaDeviceSynchronize() == cudaErrorLaunchFailure, "a race fails the launch");
  EXPECT(cudaMemset(d_race, 0, 4) == cudaErrorLaunchFailure, "and the error sticks");
  EXPECT(cudaDeviceReset() == cudaSuccess && cudaGetLastError() == cudaSuccess, "until the device is reset");
  std::printf("host API: %d failures (n=%d seed=%u)\n", failures, n, seed);
  return failures == 0 ? 0 : 1;
}
