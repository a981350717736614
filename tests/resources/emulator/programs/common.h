// Shared by the programs next to it: an error-checking macro in the style most CUDA code uses.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

#define cudaCheck(call)                                                                            \
  do {                                                                                             \
    cudaError_t err_ = (call);                                                                     \
    if (err_ != cudaSuccess) {                                                                     \
      std::fprintf(stderr, "[CUDA ERROR] at %s:%d: %s (%s)\n", __FILE__, __LINE__,                 \
                   cudaGetErrorString(err_), cudaGetErrorName(err_));                              \
      std::exit(EXIT_FAILURE);                                                                     \
    }                                                                                              \
  } while (0)

inline int ceil_div(int a, int b) { return (a + b - 1) / b; }
