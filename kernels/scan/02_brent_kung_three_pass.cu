// @kp teaches: a scan the whole GPU works on, in three launches over tiles of 1024 elements (one block
// @kp teaches: of 512 threads each, two elements a thread): (1) each block writes its tile's total to
// @kp teaches: sums[tile]; (2) one block scans the tile totals in place, exclusive: sums[tile] becomes
// @kp teaches: the total of the tiles before it; (3) each block scans its tile with Brent-Kung - an
// @kp teaches: up-sweep that builds a tree of partial sums in 2*(1024-1) additions and a down-sweep that
// @kp teaches: hands them back down, work-efficient, 2*log2(1024) steps - and adds sums[tile]. x is read
// @kp teaches: twice and out written once: 12 bytes an element. A single-pass scan with decoupled
// @kp teaches: look-back (Merrill & Garland 2016, CUB's DeviceScan) reads x once: 8 bytes an element.
// @kp check:   scan n
//
// @kp kernel:  scan_tile_sums
// @kp args:    const float* x, float* sums[cdiv(n, 1024)], int n
// @kp grid:    cdiv(n, 1024), 1, 1
// @kp block:   512, 1, 1
// @kp smem:    0
//
// @kp kernel:  scan_exclusive_sums
// @kp args:    float* sums[cdiv(n, 1024)], int tiles = cdiv(n, 1024)
// @kp grid:    1, 1, 1
// @kp block:   512, 1, 1
// @kp smem:    0
//
// @kp kernel:  scan_tiles_brent_kung
// @kp args:    const float* x, const float* sums[cdiv(n, 1024)], float* out, int n
// @kp grid:    cdiv(n, 1024), 1, 1
// @kp block:   512, 1, 1
// @kp smem:    0

#define TILE 1024
#define THREADS 512  // TILE / 2: each thread loads and stores two elements

// The inclusive scan of tree[0 .. TILE - 1] in shared memory, Brent-Kung, by the block's THREADS threads (every
// thread calls it; it starts and ends with a barrier). The up-sweep is a reduction tree: at stride s the
// element at every (k + 1) * 2s - 1 adds the one s to its left, and the last ends with the total. The
// down-sweep hands the partial sums back down: at stride s the element at (k + 1) * 2s - 1 adds itself into
// the one s to its right. 2 * (TILE - 1) - log2(TILE) additions in 2 * log2(TILE) - 1 steps.
__device__ void brentKungTile(float* tree, int t) {
  for (int stride = 1; stride < TILE; stride *= 2) {
    __syncthreads();
    int at = (t + 1) * 2 * stride - 1;
    if (at < TILE) tree[at] += tree[at - stride];
  }
  for (int stride = TILE / 4; stride > 0; stride /= 2) {
    __syncthreads();
    int at = (t + 1) * 2 * stride - 1;
    if (at + stride < TILE) tree[at + stride] += tree[at];
  }
  __syncthreads();
}

// (1) The total of tile blockIdx.x, by a tree in shared memory.
extern "C" __global__ void scan_tile_sums(const float* x, float* sums, int n) {
  __shared__ float partial[THREADS];
  int t = threadIdx.x;
  int i = blockIdx.x * TILE + t;
  partial[t] = (i < n ? x[i] : 0.0f) + (i + THREADS < n ? x[i + THREADS] : 0.0f);
  __syncthreads();
  for (int half = THREADS / 2; half > 0; half /= 2) {
    if (t < half) partial[t] += partial[t + half];
    __syncthreads();
  }
  if (t == 0) sums[blockIdx.x] = partial[0];
}

// (2) sums[k] := sums[0] + ... + sums[k - 1], by one block walking the totals 1024 at a time with a carry;
// there are n / 1024 of them, so this launch is short.
extern "C" __global__ void scan_exclusive_sums(float* sums, int tiles) {
  __shared__ float tree[TILE];
  int t = threadIdx.x;
  float carry = 0.0f;  // every thread keeps its own, equal copy
  for (int base = 0; base < tiles; base += TILE) {
    tree[t] = base + t < tiles ? sums[base + t] : 0.0f;
    tree[t + THREADS] = base + t + THREADS < tiles ? sums[base + t + THREADS] : 0.0f;
    brentKungTile(tree, t);
    // Exclusive: each total is replaced by the inclusive scan one place to its left.
    if (base + t < tiles) sums[base + t] = carry + (t > 0 ? tree[t - 1] : 0.0f);
    if (base + t + THREADS < tiles) sums[base + t + THREADS] = carry + tree[t + THREADS - 1];
    carry += tree[TILE - 1];
    __syncthreads();  // the total is read by all before the next round overwrites the tree
  }
}

// (3) Brent-Kung on the tile, plus the total of the tiles before it.
extern "C" __global__ void scan_tiles_brent_kung(const float* x, const float* sums, float* out, int n) {
  __shared__ float tree[TILE];
  int t = threadIdx.x;
  int base = blockIdx.x * TILE;
  tree[t] = base + t < n ? x[base + t] : 0.0f;
  tree[t + THREADS] = base + t + THREADS < n ? x[base + t + THREADS] : 0.0f;
  brentKungTile(tree, t);
  float before = sums[blockIdx.x];
  if (base + t < n) out[base + t] = before + tree[t];
  if (base + t + THREADS < n) out[base + t + THREADS] = before + tree[t + THREADS];
}
