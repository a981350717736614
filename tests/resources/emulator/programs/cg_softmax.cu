// Row softmax with cooperative groups: one 32-thread tile per row, an online (max, sum) pair combined with
// cg::reduce and a custom operator over a struct, then a second pass writing exp(x - max) / sum.
// Usage: cg_softmax ROWS COLS SEED
#include "common.h"
#include <cooperative_groups.h>
#include <cooperative_groups/reduce.h>
#include <cmath>
#include <random>
#include <vector>
namespace cg = cooperative_groups;

struct MaxSum {
  float max;
  float sum;
};
struct CombineMaxSum {
  __device__ MaxSum operator()(const MaxSum& a, const MaxSum& b) const {
    float m = fmaxf(a.max, b.max);
    return MaxSum{m, a.sum * expf(a.max - m) + b.sum * expf(b.max - m)};
  }
};

__global__ void softmax_rows(const float* in, float* out, int rows, int cols) {
  cg::thread_block block = cg::this_thread_block();
  cg::thread_block_tile<32> warp = cg::tiled_partition<32>(block);
  int row = blockIdx.x * warp.meta_group_size() + warp.meta_group_rank();
  if (row >= rows) return;
  const float* x = in + (size_t)row * cols;
  MaxSum mine{-INFINITY, 0.0f};
  for (int c = warp.thread_rank(); c < cols; c += warp.size()) {
    float v = x[c];
    float m = fmaxf(mine.max, v);
    mine.sum = mine.sum * expf(mine.max - m) + expf(v - m);
    mine.max = m;
  }
  MaxSum total = cg::reduce(warp, mine, CombineMaxSum());
  float check = cg::reduce(warp, mine.max, cg::greater<float>());
  if (warp.thread_rank() == 0 && check != total.max) printf("row %d: max %f != %f\n", row, check, total.max);
  for (int c = warp.thread_rank(); c < cols; c += warp.size())
    out[(size_t)row * cols + c] = expf(x[c] - total.max) / total.sum;
}

int main(int argc, char** argv) {
  int rows = argc > 1 ? atoi(argv[1]) : 37, cols = argc > 2 ? atoi(argv[2]) : 1001;
  unsigned seed = argc > 3 ? unsigned(atoi(argv[3])) : 1u;
  std::mt19937 rng(seed);
  std::normal_distribution<float> dist(0.0f, 3.0f);
  std::vector<float> x((size_t)rows * cols), y(x.size());
  for (float& v : x) v = dist(rng);
  float *d_x, *d_y;
  cudaCheck(cudaMalloc(&d_x, x.size() * sizeof(float)));
  cudaCheck(cudaMalloc(&d_y, y.size() * sizeof(float)));
  cudaCheck(cudaMemcpy(d_x, x.data(), x.size() * sizeof(float), cudaMemcpyHostToDevice));
  int warpsPerBlock = 4;
  softmax_rows<<<ceil_div(rows, warpsPerBlock), warpsPerBlock * 32>>>(d_x, d_y, rows, cols);
  cudaCheck(cudaGetLastError());
  cudaCheck(cudaMemcpy(y.data(), d_y, y.size() * sizeof(float), cudaMemcpyDeviceToHost));
  double worst = 0;
  for (int r = 0; r < rows; r++) {
    double m = -INFINITY, s = 0;
    for (int c = 0; c < cols; c++) m = std::max(m, (double)x[(size_t)r * cols + c]);
    for (int c = 0; c < cols; c++) s += std::exp((double)x[(size_t)r * cols + c] - m);
    for (int c = 0; c < cols; c++) {
      double ref = std::exp((double)x[(size_t)r * cols + c] - m) / s;
      worst = std::max(worst, std::abs(ref - (double)y[(size_t)r * cols + c]) / (1e-6 + std::abs(ref)));
    }
  }
  std::printf("rows=%d cols=%d seed=%u worst relative error %.3g\n", rows, cols, seed, worst);
  cudaCheck(cudaFree(d_x));
  cudaCheck(cudaFree(d_y));
  return worst < 1e-4 ? 0 : 1;
}
