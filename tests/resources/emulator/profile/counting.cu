// Kernels whose warp-level traffic is worked out by hand in ProfilerTest.
__global__ void copy_coalesced(const float* x, float* y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = x[i];
}

__global__ void gather_stride32(const float* x, float* y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = x[(size_t)i * 32];
}

__global__ void copy_float4(const float4* x, float4* y, int n4) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n4) y[i] = x[i];
}

__global__ void copy_shifted(const float* x, float* y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = x[i + 1];
}

// Each thread copies its own row of 8 floats from one shared array to another: a loop GCC turns into one 32-byte move
// in a plain build. The profiler must still count the 8 scalar loads the kernel wrote. Blocks of 128 threads; x is
// staged through shared memory column by column and y gets each row's first element.
__global__ void shared_rows8(const float* x, float* y, int n) {
  __shared__ float rows[128 * 8];
  __shared__ float copy[128 * 8];
  int t = threadIdx.x;
  const float* block = x + blockIdx.x * 128 * 8;
  for (int j = 0; j < 8; j++) rows[j * 128 + t] = block[j * 128 + t];
  __syncthreads();
  for (int j = 0; j < 8; j++) copy[t * 8 + j] = rows[t * 8 + j];
  __syncthreads();
  int i = blockIdx.x * blockDim.x + t;
  if (i < n) y[i] = copy[t * 8];
}

// Phases whose sequences of accesses change (the profiler reuses a phase's sequence in the phases after it): every
// phase loads A, phase 2 also B, phase 3 D instead, the later ones A alone; then the even lanes store C. Blocks of
// 128 threads, 1024 floats of x each.
__global__ void changing_phases(const float* x, float* y, int phases) {
  int t = threadIdx.x;
  const float* b = x + blockIdx.x * 1024;
  float s = 0;
  for (int k = 0; k < phases; k++) {
    s += b[(k % 4) * 128 + t];  // A
    if (k == 2) s += b[512 + t];  // B
    if (k == 3) s += b[640 + 2 * t];  // D
    __syncthreads();
  }
  if (t % 2 == 0) y[blockIdx.x * 128 + t] = s;  // C
}

// Phases of 1, 2, 3, 1, 2, 3... loads from one site (R): in a phase shorter than the one before, a lane hands the CPU
// on in the middle of the warp's kept sequence, at a step the next lane's first load would match.
__global__ void repeating_loads(const float* x, float* y, int phases) {
  int t = threadIdx.x;
  const float* b = x + blockIdx.x * 512;
  float s = 0;
  for (int k = 0; k < phases; k++) {
    for (int j = 0; j <= k % 3; j++) s += b[j * 128 + t];  // R
    __syncthreads();
  }
  y[blockIdx.x * 128 + t] = s;
}

__global__ void read_twice(const float* x, float* y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float first = x[i];
    __syncthreads();
    y[i] = first + x[n - 1 - i];
  }
}

// File-scope shared memory: the same tiles as tile_columns below, and a word lane 0 writes and every lane reads;
// one warp a block, one block per 32 rows of x.
__shared__ float fileTile[32][32];
__shared__ float filePadded[32][33];
__shared__ float fileWord;
__global__ void file_scope_tiles(const float* x, float* y, int padded) {
  int lane = threadIdx.x;
  const float* rows = x + blockIdx.x * 1024;
  for (int c = 0; c < 32; c++) {
    fileTile[c][lane] = rows[c * 32 + lane];
    filePadded[c][lane] = rows[c * 32 + lane];
  }
  if (lane == 0) fileWord = rows[lane];
  __syncthreads();
  float s = 0;
  for (int c = 0; c < 32; c++) s += padded ? filePadded[lane][c] : fileTile[lane][c];
  y[blockIdx.x * 32 + lane] = s + fileWord;
}

// One warp: a 32x32 tile (or one padded to 33 columns) written by rows and read by columns, and one word all
// lanes read.
__global__ void tile_columns(const float* x, float* y, int padded) {
  __shared__ float tile[32][32];
  __shared__ float paddedTile[32][33];
  int lane = threadIdx.x;
  for (int c = 0; c < 32; c++) {
    tile[c][lane] = x[c * 32 + lane];
    paddedTile[c][lane] = x[c * 32 + lane];
  }
  __syncthreads();
  float s = 0;
  for (int c = 0; c < 32; c++) s += padded ? paddedTile[lane][c] : tile[lane][c];
  s += tile[7][3];
  y[lane] = s;
}

// One warp: float2 elements of shared memory read contiguously (lane i reads element i), then with a stride of 2.
__global__ void shared_float2(const float* x, float* y, int stride) {
  __shared__ float2 pairs[64];
  int lane = threadIdx.x;
  pairs[lane] = make_float2(x[lane], x[lane + 32]);
  pairs[lane + 32] = make_float2(x[lane + 64], x[lane + 96]);
  __syncthreads();
  float2 v = pairs[lane * stride];
  y[lane] = v.x + v.y;
}

// Lanes of one warp making different numbers of accesses: lane l reads its column of the warp's 256 floats at rows
// 4..7-l%4 (the first lane reads most), then at rows 0..l%4 (later lanes read more).
__global__ void uneven_loops(const float* x, float* y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  int lane = i % 32;
  const float* w = x + (i / 32) * 256;
  float s = 0;
  for (int j = 4; j <= 7 - lane % 4; j++) s += w[j * 32 + lane];
  for (int j = 0; j <= lane % 4; j++) s += w[j * 32 + lane];
  y[i] = s;
}
