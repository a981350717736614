// Every tile method against what it must give, on random data: tiles of 4, 8, 16 and 32 (and a dynamic
// tiled_partition of 8), in blocks whose size is not a multiple of the tile's. Each thread writes its
// results; the host recomputes them. Usage: cg_tiles BLOCK SEED
#include "common.h"
#include <cooperative_groups.h>
#include <cooperative_groups/reduce.h>
#include <cooperative_groups/scan.h>
#include <random>
#include <vector>
namespace cg = cooperative_groups;

constexpr int kOut = 12;  // results per thread

template <int N>
__device__ void tile_checks(const int* in, int* out) {
  cg::thread_block block = cg::this_thread_block();
  auto tile = cg::tiled_partition<N>(block);
  int t = block.thread_rank();
  int v = in[blockIdx.x * blockDim.x + t];
  int* o = out + (size_t)(blockIdx.x * blockDim.x + t) * kOut;
  o[0] = tile.thread_rank();
  o[1] = tile.meta_group_rank();
  o[2] = tile.shfl(v, 1);
  o[3] = tile.shfl_down(v, 1);
  o[4] = tile.shfl_up(v, 2);
  o[5] = tile.shfl_xor(v, 1);
  o[6] = (int)tile.ballot(v % 2 == 0);
  o[7] = tile.any(v == 7) + 2 * tile.all(v >= 0);
  o[8] = cg::reduce(tile, v, cg::plus<int>());
  o[9] = cg::reduce(tile, v, cg::less<int>());
  o[10] = cg::inclusive_scan(tile, v);
  o[11] = (int)tile.match_any(v % 3);
  tile.sync();
}

template <int N>
__global__ void tiles(const int* in, int* out) { tile_checks<N>(in, out); }

__global__ void dynamic_tiles(const int* in, int* out) {
  cg::thread_group g = cg::tiled_partition(cg::this_thread_block(), 8);
  int t = threadIdx.x;
  int* o = out + (size_t)(blockIdx.x * blockDim.x + t) * kOut;
  o[0] = (int)g.thread_rank();
  o[1] = (int)g.size();
  g.sync();
}

// Host: what tile method k gives thread t of a block (tile size n, block size b, values x of the block).
int expected(int k, int n, int t, int b, const int* x) {
  int base = t / n * n, r = t % n, size = n;
  auto at = [&](int rank) { return base + rank < b ? x[base + rank] : 0; };
  int members = std::min(n, b - base);
  switch (k) {
    case 0: return r;
    case 1: return t / n;
    case 2: return at(1 % size);
    case 3: return r + 1 < size ? at(r + 1) : x[t];
    case 4: return r >= 2 ? at(r - 2) : x[t];
    case 5: return (r ^ 1) < size ? at(r ^ 1) : x[t];
    case 6: { int m = 0; for (int i = 0; i < members; i++) m |= (at(i) % 2 == 0) << i; return m; }
    case 7: { int any = 0, all = 1; for (int i = 0; i < members; i++) any |= at(i) == 7, all &= at(i) >= 0; return any + 2 * all; }
    case 8: { int s = 0; for (int i = 0; i < members; i++) s += at(i); return s; }
    case 9: { int m = at(0); for (int i = 0; i < members; i++) m = std::min(m, at(i)); return m; }
    case 10: { int s = 0; for (int i = 0; i <= r; i++) s += at(i); return s; }
    case 11: { int m = 0; for (int i = 0; i < members; i++) m |= (at(i) % 3 == x[t] % 3) << i; return m; }
  }
  return -1;
}

template <int N>
int check(int block, int blocks, const std::vector<int>& x, int* d_in, int* d_out) {
  tiles<N><<<blocks, block>>>(d_in, d_out);
  cudaCheck(cudaDeviceSynchronize());
  std::vector<int> got((size_t)block * blocks * kOut);
  cudaCheck(cudaMemcpy(got.data(), d_out, got.size() * sizeof(int), cudaMemcpyDeviceToHost));
  int wrong = 0;
  for (int b = 0; b < blocks; b++)
    for (int t = 0; t < block; t++)
      for (int k = 0; k < kOut; k++) {
        int want = expected(k, N, t, block, &x[(size_t)b * block]);
        int have = got[((size_t)b * block + t) * kOut + k];
        if (want != have && wrong++ < 5)
          std::printf("tile<%d> block %d thread %d method %d: got %d, want %d\n", N, b, t, k, have, want);
      }
  return wrong;
}

int main(int argc, char** argv) {
  int block = argc > 1 ? atoi(argv[1]) : 96;
  unsigned seed = argc > 2 ? unsigned(atoi(argv[2])) : 1u;
  int blocks = 3;
  std::mt19937 rng(seed);
  std::vector<int> x((size_t)block * blocks);
  for (int& v : x) v = int(rng() % 50);
  int *d_in, *d_out;
  cudaCheck(cudaMalloc(&d_in, x.size() * sizeof(int)));
  cudaCheck(cudaMalloc(&d_out, x.size() * kOut * sizeof(int)));
  cudaCheck(cudaMemcpy(d_in, x.data(), x.size() * sizeof(int), cudaMemcpyHostToDevice));
  int wrong = check<4>(block, blocks, x, d_in, d_out) + check<8>(block, blocks, x, d_in, d_out) +
              check<16>(block, blocks, x, d_in, d_out) + check<32>(block, blocks, x, d_in, d_out);
  dynamic_tiles<<<blocks, block>>>(d_in, d_out);
  std::vector<int> got(x.size() * kOut);
  cudaCheck(cudaMemcpy(got.data(), d_out, got.size() * sizeof(int), cudaMemcpyDeviceToHost));
  for (int t = 0; t < block; t++)
    if (got[(size_t)t * kOut] != t % 8 || got[(size_t)t * kOut + 1] != 8) wrong++;
  std::printf("block=%d seed=%u wrong=%d\n", block, seed, wrong);
  cudaCheck(cudaFree(d_in));
  cudaCheck(cudaFree(d_out));
  return wrong == 0 ? 0 : 1;
}
