// A whole-grid reduction in one cooperative launch: each block sums its slice, this_grid().sync(), then
// block 0 adds the partial sums. Usage: grid_sync_sum N BLOCKS SEED (BLOCKS too large is refused).
#include "common.h"
#include <cooperative_groups.h>
#include <cooperative_groups/reduce.h>
#include <random>
#include <vector>
namespace cg = cooperative_groups;

__global__ void grid_sum(const int* in, int* partial, int* total, int n) {
  cg::grid_group grid = cg::this_grid();
  cg::thread_block block = cg::this_thread_block();
  cg::thread_block_tile<32> warp = cg::tiled_partition<32>(block);
  __shared__ int warpSums[32];
  int mine = 0;
  for (long long i = grid.thread_rank(); i < n; i += grid.size()) mine += in[i];
  int w = cg::reduce(warp, mine, cg::plus<int>());
  if (warp.thread_rank() == 0) warpSums[warp.meta_group_rank()] = w;
  block.sync();
  if (block.thread_rank() == 0) {
    int s = 0;
    for (int k = 0; k < (int)warp.meta_group_size(); k++) s += warpSums[k];
    partial[blockIdx.x] = s;
  }
  grid.sync();
  if (grid.block_rank() == 0 && block.thread_rank() == 0) {
    int s = 0;
    for (int b = 0; b < (int)grid.num_blocks(); b++) s += partial[b];
    *total = s;
  }
}

int main(int argc, char** argv) {
  int n = argc > 1 ? atoi(argv[1]) : 100003;
  int blocks = argc > 2 ? atoi(argv[2]) : 64;
  unsigned seed = argc > 3 ? unsigned(atoi(argv[3])) : 1u;
  std::mt19937 rng(seed);
  std::vector<int> x(n);
  long long expected = 0;
  for (int& v : x) v = int(rng() % 201) - 100, expected += v;
  int *d_x, *d_partial, *d_total;
  cudaCheck(cudaMalloc(&d_x, n * sizeof(int)));
  cudaCheck(cudaMalloc(&d_partial, blocks * sizeof(int)));
  cudaCheck(cudaMallocManaged(&d_total, sizeof(int)));
  cudaCheck(cudaMemcpy(d_x, x.data(), n * sizeof(int), cudaMemcpyHostToDevice));
  int threads = 256;
  int perSm = 0;
  cudaCheck(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&perSm, grid_sum, threads, 0));
  std::printf("%d blocks of %d threads fit per SM\n", perSm, threads);
  void* args[] = {&d_x, &d_partial, &d_total, &n};
  cudaError_t e = cudaLaunchCooperativeKernel((void*)grid_sum, blocks, threads, args, 0, 0);
  if (e != cudaSuccess) {
    std::printf("cooperative launch refused: %s\n", cudaGetErrorName(e));
    return 2;
  }
  cudaCheck(cudaDeviceSynchronize());
  int total = *d_total;
  std::printf("n=%d blocks=%d sum=%d expected=%lld\n", n, blocks, total, expected);
  cudaCheck(cudaFree(d_x));
  cudaCheck(cudaFree(d_partial));
  cudaCheck(cudaFree(d_total));
  return total == expected ? 0 : 1;
}
