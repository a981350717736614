// A 3-D launch, dynamic shared memory at file scope, and the math functions and intrinsics.

extern __shared__ int scratch[];

// out[linear] = linear thread id of the whole 3-D grid, written through a block-wide shared array.
__global__ void index3d(int* out, int nx, int ny, int nz) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  int z = blockIdx.z * blockDim.z + threadIdx.z;
  int local = (threadIdx.z * blockDim.y + threadIdx.y) * blockDim.x + threadIdx.x;
  scratch[local] = (z * ny + y) * nx + x;
  __syncthreads();
  int mirrored = blockDim.x * blockDim.y * blockDim.z - 1 - local;  // read a value another thread wrote
  int tz = mirrored / (blockDim.x * blockDim.y), ty = (mirrored / blockDim.x) % blockDim.y, tx = mirrored % blockDim.x;
  int mx = blockIdx.x * blockDim.x + tx, my = blockIdx.y * blockDim.y + ty, mz = blockIdx.z * blockDim.z + tz;
  if (mx < nx && my < ny && mz < nz) out[(mz * ny + my) * nx + mx] = scratch[mirrored];
}

template <typename T>
__device__ __forceinline__ T square(T v) {
  return v * v;
}

// out[i] = a function of x[i] built from many intrinsics, each of which is exact enough for 1e-5.
__global__ void math_mix(const float* x, float* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float v = x[i];
  float r = __expf(v) - expf(v);                          // 0
  r += fmaxf(v, -INFINITY) - v;                           // 0
  r += fminf(v, INFINITY) - v;                            // 0
  r += rsqrtf(4.0f) * sqrtf(4.0f) - 1.0f;                 // 0
  r += __fdividef(square(v), 2.0f) - 0.5f * v * v;        // 0
  r += fmaf(v, 2.0f, 1.0f);                               // 2v + 1
  r += __saturatef(v);                                    // clamp(v, 0, 1)
  r += (float)max(__float2int_rz(v * 10.0f), -3);         // max(trunc(10v), -3)
  r += __int_as_float(__float_as_int(v));                 // v
  r += (float)(__popc(0xF0F0u) + __clz(1) + __ffs(8));    // 8 + 31 + 4
  out[i] = r;
}

// out[block] = how many of the block's elements are positive, by __syncthreads_count; flags[block] = 1
// when all of them are above -2 (__syncthreads_and).
__global__ void count_positive(const float* x, int n, int* out, int* flags) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int count = __syncthreads_count(i < n && x[i] > 0.0f);
  int all = __syncthreads_and(i >= n || x[i] > -2.0f);
  if (threadIdx.x == 0) {
    out[blockIdx.x] = count;
    flags[blockIdx.x] = all;
  }
}
