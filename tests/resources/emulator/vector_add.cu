// c = a + b, one thread per element; the guard makes any n work.
__global__ void vector_add(const float* __restrict__ a, const float* __restrict__ b, float* __restrict__ c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    c[i] = a[i] + b[i];
  }
}

// The same with float4 loads and stores where a whole float4 fits, and a scalar tail.
__global__ void __launch_bounds__(256) vector_add_float4(const float* a, const float* b, float* c, int n) {
  int i = (blockIdx.x * blockDim.x + threadIdx.x) * 4;
  if (i + 3 < n) {
    float4 x = reinterpret_cast<const float4*>(a)[i / 4];
    float4 y = reinterpret_cast<const float4*>(&b[i])[0];
    reinterpret_cast<float4*>(c)[i / 4] = make_float4(x.x + y.x, x.y + y.y, x.z + y.z, x.w + y.w);
  } else {
    for (int j = i; j < n; j++) {
      c[j] = a[j] + b[j];
    }
  }
}
