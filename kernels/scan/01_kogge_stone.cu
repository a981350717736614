// @kp kernel:  scan_kogge_stone
// @kp teaches: the inclusive prefix sum out[i] = x[0] + ... + x[i] by ONE block of 1024 threads that
// @kp teaches: walks the array a tile of 1024 at a time: Kogge-Stone inside the tile (log2 1024 = 10
// @kp teaches: steps; at step d thread t adds the value d places to its left), then the carry, the
// @kp teaches: total of the tiles before. A thread reads its neighbour's value while the neighbour
// @kp teaches: writes its own, so each step reads one shared buffer and writes the other, with a
// @kp teaches: barrier between steps. n*log2(1024) additions instead of n, and one SM of 128 busy:
// @kp teaches: correct and simple, and the reason real scans split the array (02).
// @kp check:   scan n
// @kp args:    const float* x, float* out, int n
// @kp grid:    1, 1, 1
// @kp block:   1024, 1, 1
// @kp smem:    0

#define TILE 1024  // blockDim.x

extern "C" __global__ void scan_kogge_stone(const float* x, float* out, int n) {
  __shared__ float buffers[2][TILE];  // ping and pong
  int t = threadIdx.x;
  float carry = 0.0f;  // every thread keeps its own, equal copy
  for (int base = 0; base < n; base += TILE) {
    int i = base + t;
    int read = 0;
    buffers[0][t] = i < n ? x[i] : 0.0f;  // zeros past the end add nothing
    __syncthreads();
    for (int d = 1; d < TILE; d *= 2) {
      float sum = buffers[read][t];
      if (t >= d) sum += buffers[read][t - d];
      buffers[1 - read][t] = sum;
      __syncthreads();
      read = 1 - read;
    }
    if (i < n) out[i] = carry + buffers[read][t];
    carry += buffers[read][TILE - 1];
    __syncthreads();  // the tile's total is read by all before the next tile overwrites it
  }
}
