#include <cuda_fp16.h>
#include <cuda_bf16.h>

// fp16: out[i] = (half)(a[i]) * (half)(b[i]) + (half)(a[i]), rounded to fp16 at every step; then as bits.
__global__ void half_ops(const float* a, const float* b, __half* out, float* back, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  __half ha = __float2half(a[i]);
  __half hb = __float2half_rn(b[i]);
  __half r = __hadd(__hmul(ha, hb), ha);
  out[i] = r;
  back[i] = __half2float(r);
}

// half2 and bf16: pairs of elements.
__global__ void half2_ops(const __half* x, const __nv_bfloat16* y, float* out, int pairs) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= pairs) return;
  __half2 v = __halves2half2(x[2 * i], x[2 * i + 1]);
  __half2 s = __hadd2(v, __hmul2(v, __float2half2_rn(2.0f)));  // 3·v
  float2 f = __half22float2(s);
  __nv_bfloat16 b0 = y[2 * i], b1 = y[2 * i + 1];
  out[2 * i] = f.x + __bfloat162float(b0);
  out[2 * i + 1] = f.y + __bfloat162float(__float2bfloat16(__bfloat162float(b1)));
}
