// curand_kernel.h on the emulator: the device-side generators' types and functions, computed for real with
// xorshift (XORWOW's recurrence, seeded by splitmix64 from seed, subsequence and offset). The numbers are
// uniform and independent per (seed, subsequence) as cuRAND's are, but not the same numbers as cuRAND's.
#pragma once
#include "kp_cuda.h"

struct curandStateXORWOW {
  unsigned d, v[5];
  int boxmuller_flag;
  float boxmuller_extra;
};
typedef curandStateXORWOW curandState_t;
typedef curandStateXORWOW curandState;
typedef curandStateXORWOW curandStatePhilox4_32_10_t;
typedef curandStateXORWOW curandStateMRG32k3a_t;

namespace kp {
inline unsigned long long splitmix64(unsigned long long& x) {
  unsigned long long z = (x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
}  // namespace kp

inline unsigned curand(curandStateXORWOW* s) {
  unsigned t = s->v[0] ^ (s->v[0] >> 2);
  s->v[0] = s->v[1], s->v[1] = s->v[2], s->v[2] = s->v[3], s->v[3] = s->v[4];
  s->v[4] = (s->v[4] ^ (s->v[4] << 4)) ^ (t ^ (t << 1));
  s->d += 362437;
  return s->v[4] + s->d;
}
inline void curand_init(unsigned long long seed, unsigned long long subsequence, unsigned long long offset,
                        curandStateXORWOW* s) {
  unsigned long long x = seed ^ (subsequence * 0xD1B54A32D192ED03ull);
  for (unsigned& v : s->v) v = unsigned(kp::splitmix64(x)) | 1u;
  s->d = unsigned(kp::splitmix64(x));
  s->boxmuller_flag = 0;
  for (unsigned long long i = 0; i < offset; i++) curand(s);
}
template <class P>
inline unsigned curand(P s) { return curand(&*s); }
inline float curand_uniform(curandStateXORWOW* s) { return (float(curand(s) >> 8) + 1.0f) * (1.0f / 16777216.0f); }
inline double curand_uniform_double(curandStateXORWOW* s) {
  unsigned long long hi = curand(s), lo = curand(s);
  return (double(((hi << 32) | lo) >> 11) + 1.0) * (1.0 / 9007199254740992.0);
}
inline float curand_normal(curandStateXORWOW* s) {
  if (s->boxmuller_flag) {
    s->boxmuller_flag = 0;
    return s->boxmuller_extra;
  }
  float u = curand_uniform(s), v = curand_uniform(s);
  float r = sqrtf(-2.0f * logf(u));
  s->boxmuller_extra = r * sinf(6.2831853f * v);
  s->boxmuller_flag = 1;
  return r * cosf(6.2831853f * v);
}
inline double curand_normal_double(curandStateXORWOW* s) { return double(curand_normal(s)); }
inline float4 curand_uniform4(curandStateXORWOW* s) {
  return float4{curand_uniform(s), curand_uniform(s), curand_uniform(s), curand_uniform(s)};
}
inline float4 curand_normal4(curandStateXORWOW* s) {
  return float4{curand_normal(s), curand_normal(s), curand_normal(s), curand_normal(s)};
}
inline unsigned curand_poisson(curandStateXORWOW* s, double lambda) {
  double l = exp(-lambda), p = 1.0;
  unsigned k = 0;
  do {
    k++;
    p *= curand_uniform_double(s);
  } while (p > l);
  return k - 1;
}
