// A single-file benchmark in the llm.c style: kernel versions picked from argv, each validated against the
// CPU reference with a tolerance, then timed with events over repeats, with the L2 flushed before each
// (a buffer sized from the device's l2CacheSize). Usage: bench_versions VERSION N SEED
#include "common.h"
#include <cmath>
#include <random>
#include <vector>

// y = gelu(x) * scale (tanh approximation)
__device__ __host__ inline float gelu(float x) {
  const float k = 0.7978845608f;
  return 0.5f * x * (1.0f + tanhf(k * (x + 0.044715f * x * x * x)));
}

__global__ void gelu_v1(float* out, const float* in, float scale, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = gelu(in[i]) * scale;
}

// Grid-stride, four elements per thread through float4 where the buffer allows it.
__global__ void gelu_v2(float* out, const float* in, float scale, int n) {
  int vecs = n / 4;
  for (int v = blockIdx.x * blockDim.x + threadIdx.x; v < vecs; v += gridDim.x * blockDim.x) {
    float4 x = reinterpret_cast<const float4*>(in)[v];
    float4 y = make_float4(gelu(x.x) * scale, gelu(x.y) * scale, gelu(x.z) * scale, gelu(x.w) * scale);
    reinterpret_cast<float4*>(out)[v] = y;
  }
  for (int i = vecs * 4 + blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
    out[i] = gelu(in[i]) * scale;
}

// Planted bug, for the tests: forgets the tail past the last multiple of 4.
__global__ void gelu_v3_no_tail(float* out, const float* in, float scale, int n) {
  int v = blockIdx.x * blockDim.x + threadIdx.x;
  if (v < n / 4) {
    float4 x = reinterpret_cast<const float4*>(in)[v];
    reinterpret_cast<float4*>(out)[v] =
        make_float4(gelu(x.x) * scale, gelu(x.y) * scale, gelu(x.z) * scale, gelu(x.w) * scale);
  }
}

template <class Kernel>
void launch(Kernel k, int grid, int block, float* out, const float* in, float scale, int n) {
  k<<<grid, block>>>(out, in, scale, n);
  cudaCheck(cudaGetLastError());
}

void run_version(int version, float* out, const float* in, float scale, int n, int block) {
  switch (version) {
    case 1: launch(gelu_v1, ceil_div(n, block), block, out, in, scale, n); break;
    case 2: launch(gelu_v2, std::min(ceil_div(n / 4, block) + 1, 1024), block, out, in, scale, n); break;
    case 3: launch(gelu_v3_no_tail, ceil_div(n / 4, block) + 1, block, out, in, scale, n); break;
    default: std::fprintf(stderr, "no version %d\n", version); std::exit(2);
  }
}

bool validate(const std::vector<float>& got, const std::vector<float>& ref, float tol) {
  int shown = 0, bad = 0;
  for (size_t i = 0; i < ref.size(); i++) {
    if (!(std::fabs(ref[i] - got[i]) <= tol + std::fabs(ref[i]) * 1e-5f)) {
      if (shown++ < 5) std::printf("mismatch at %zu: cpu %f gpu %f\n", i, ref[i], got[i]);
      bad++;
    }
  }
  if (bad) std::printf("%d mismatches\n", bad);
  return bad == 0;
}

int main(int argc, char** argv) {
  int version = argc > 1 ? std::atoi(argv[1]) : 1;
  int n = argc > 2 ? std::atoi(argv[2]) : (1 << 18) + 3;
  unsigned seed = argc > 3 ? unsigned(std::atoi(argv[3])) : 42u;
  cudaDeviceProp prop;
  cudaCheck(cudaGetDeviceProperties(&prop, 0));
  std::printf("device %s, sm_%d%d, %d SMs, L2 %d bytes\n", prop.name, prop.major, prop.minor,
              prop.multiProcessorCount, prop.l2CacheSize);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-4.0f, 4.0f);
  std::vector<float> in(n), ref(n), got(n);
  float scale = 1.5f;
  for (int i = 0; i < n; i++) in[i] = dist(rng), ref[i] = gelu(in[i]) * scale;
  float *d_in, *d_out;
  cudaCheck(cudaMalloc(&d_in, n * sizeof(float)));
  cudaCheck(cudaMalloc(&d_out, n * sizeof(float)));
  cudaCheck(cudaMemcpy(d_in, in.data(), n * sizeof(float), cudaMemcpyHostToDevice));
  run_version(version, d_out, d_in, scale, n, 256);
  cudaCheck(cudaMemcpy(got.data(), d_out, n * sizeof(float), cudaMemcpyDeviceToHost));
  if (!validate(got, ref, 1e-5f)) {
    std::printf("version %d is wrong\n", version);
    return 1;
  }
  size_t flushBytes = size_t(prop.l2CacheSize) * 2;
  char* flush;
  cudaCheck(cudaMalloc(&flush, flushBytes));
  cudaEvent_t start, stop;
  cudaCheck(cudaEventCreate(&start));
  cudaCheck(cudaEventCreate(&stop));
  int repeats = 5;
  float total = 0;
  for (int r = 0; r < repeats; r++) {
    cudaCheck(cudaMemset(flush, r, flushBytes));
    cudaCheck(cudaEventRecord(start, 0));
    run_version(version, d_out, d_in, scale, n, 256);
    cudaCheck(cudaEventRecord(stop, 0));
    cudaCheck(cudaEventSynchronize(stop));
    float ms = 0;
    cudaCheck(cudaEventElapsedTime(&ms, start, stop));
    total += ms;
  }
  std::printf("version %d: n=%d seed=%u ok, %.4f ms per run\n", version, n, seed, total / repeats);
  cudaCheck(cudaEventDestroy(start));
  cudaCheck(cudaEventDestroy(stop));
  cudaCheck(cudaFree(flush));
  cudaCheck(cudaFree(d_in));
  cudaCheck(cudaFree(d_out));
  return 0;
}
