__global__ void two_arrays(const float* x, float* y, int n) {
  extern __shared__ float smem[];
  float* a = smem;
  float4* b = reinterpret_cast<float4*>(smem + blockDim.x);
  a[threadIdx.x] = x[threadIdx.x];
  b[threadIdx.x] = make_float4(1, 2, 3, 4);
  __syncthreads();
  y[threadIdx.x] = a[threadIdx.x] + b[threadIdx.x].x;
}
