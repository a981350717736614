// Planted bug: only the even lanes of each tile reach cg::reduce.
#include "../common.h"
#include <cooperative_groups.h>
#include <cooperative_groups/reduce.h>
namespace cg = cooperative_groups;

__global__ void partial_sum(const float* in, float* out) {
  auto tile = cg::tiled_partition<16>(cg::this_thread_block());
  float v = in[threadIdx.x];
  if (tile.thread_rank() % 2 == 0) v = cg::reduce(tile, v, cg::plus<float>());
  out[threadIdx.x] = v;
}

int main() {
  float *in, *out;
  cudaCheck(cudaMallocManaged(&in, 64 * sizeof(float)));
  cudaCheck(cudaMallocManaged(&out, 64 * sizeof(float)));
  for (int i = 0; i < 64; i++) in[i] = 1.0f;
  partial_sum<<<1, 64>>>(in, out);
  cudaCheck(cudaDeviceSynchronize());
  return 0;
}
