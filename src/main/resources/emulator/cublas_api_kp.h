// cuBLAS (cublas_v2.h, cublasLt.h) declarations for the emulator. Types and enums have cuBLAS's values.
#pragma once
#include <cstdio>

typedef enum {
  CUBLAS_STATUS_SUCCESS = 0,
  CUBLAS_STATUS_NOT_INITIALIZED = 1,
  CUBLAS_STATUS_ALLOC_FAILED = 3,
  CUBLAS_STATUS_INVALID_VALUE = 7,
  CUBLAS_STATUS_ARCH_MISMATCH = 8,
  CUBLAS_STATUS_MAPPING_ERROR = 11,
  CUBLAS_STATUS_EXECUTION_FAILED = 13,
  CUBLAS_STATUS_INTERNAL_ERROR = 14,
  CUBLAS_STATUS_NOT_SUPPORTED = 15,
  CUBLAS_STATUS_LICENSE_ERROR = 16
} cublasStatus_t;
typedef enum { CUBLAS_OP_N = 0, CUBLAS_OP_T = 1, CUBLAS_OP_C = 2 } cublasOperation_t;
typedef enum { CUBLAS_FILL_MODE_LOWER = 0, CUBLAS_FILL_MODE_UPPER = 1 } cublasFillMode_t;
typedef enum { CUBLAS_SIDE_LEFT = 0, CUBLAS_SIDE_RIGHT = 1 } cublasSideMode_t;
typedef enum {
  CUBLAS_DEFAULT_MATH = 0,
  CUBLAS_TENSOR_OP_MATH = 1,
  CUBLAS_PEDANTIC_MATH = 2,
  CUBLAS_TF32_TENSOR_OP_MATH = 3
} cublasMath_t;
typedef enum {
  CUBLAS_COMPUTE_16F = 64,
  CUBLAS_COMPUTE_32F = 68,
  CUBLAS_COMPUTE_32F_FAST_16F = 74,
  CUBLAS_COMPUTE_32F_FAST_16BF = 75,
  CUBLAS_COMPUTE_32F_FAST_TF32 = 77,
  CUBLAS_COMPUTE_64F = 70,
  CUBLAS_COMPUTE_32I = 72
} cublasComputeType_t;
typedef enum { CUBLAS_GEMM_DEFAULT = -1, CUBLAS_GEMM_DEFAULT_TENSOR_OP = 99 } cublasGemmAlgo_t;
typedef enum {
  CUDA_R_16F = 2,
  CUDA_R_32F = 0,
  CUDA_R_64F = 1,
  CUDA_R_16BF = 14,
  CUDA_R_8I = 3,
  CUDA_R_32I = 10
} cudaDataType_t;
typedef cudaDataType_t cudaDataType;
struct cublasContext {
  int mathMode;
};
typedef cublasContext* cublasHandle_t;

namespace kp {
// A cuBLAS call that would compute: says so, with the program's line.
inline cublasStatus_t cublas_not_emulated(const char* call, const char* file, int line) {
  std::fflush(stdout);
  std::fprintf(stderr,
               "%s:%d: %s: cuBLAS does not run on the emulator (CUBLAS_STATUS_NOT_SUPPORTED); write the kernel "
               "yourself, or run the program on a GPU\n",
               file, line, call);
  return CUBLAS_STATUS_NOT_SUPPORTED;
}
}  // namespace kp

inline cublasStatus_t cublasCreate(cublasHandle_t* handle) {
  *handle = new cublasContext{0};
  return CUBLAS_STATUS_SUCCESS;
}
inline cublasStatus_t cublasDestroy(cublasHandle_t handle) {
  delete handle;
  return CUBLAS_STATUS_SUCCESS;
}
template <class S>
inline cublasStatus_t cublasSetStream(cublasHandle_t, S) { return CUBLAS_STATUS_SUCCESS; }
inline cublasStatus_t cublasSetMathMode(cublasHandle_t h, cublasMath_t mode) {
  h->mathMode = int(mode);
  return CUBLAS_STATUS_SUCCESS;
}
inline cublasStatus_t cublasGetVersion(cublasHandle_t, int* version) {
  *version = 120000;
  return CUBLAS_STATUS_SUCCESS;
}
inline const char* cublasGetStatusString(cublasStatus_t s) {
  return s == CUBLAS_STATUS_SUCCESS ? "CUBLAS_STATUS_SUCCESS"
         : s == CUBLAS_STATUS_NOT_SUPPORTED ? "CUBLAS_STATUS_NOT_SUPPORTED" : "CUBLAS_STATUS_INTERNAL_ERROR";
}
// Every computing call is a macro, so its message names the program's line.
#define KP_CUBLAS(name) ([&](auto&&...) { return ::kp::cublas_not_emulated(#name, __FILE__, __LINE__); })
#define cublasSgemm(...) KP_CUBLAS(cublasSgemm)(__VA_ARGS__)
#define cublasDgemm(...) KP_CUBLAS(cublasDgemm)(__VA_ARGS__)
#define cublasHgemm(...) KP_CUBLAS(cublasHgemm)(__VA_ARGS__)
#define cublasGemmEx(...) KP_CUBLAS(cublasGemmEx)(__VA_ARGS__)
#define cublasSgemmStridedBatched(...) KP_CUBLAS(cublasSgemmStridedBatched)(__VA_ARGS__)
#define cublasGemmStridedBatchedEx(...) KP_CUBLAS(cublasGemmStridedBatchedEx)(__VA_ARGS__)
#define cublasGemmBatchedEx(...) KP_CUBLAS(cublasGemmBatchedEx)(__VA_ARGS__)
#define cublasSgemv(...) KP_CUBLAS(cublasSgemv)(__VA_ARGS__)
#define cublasSaxpy(...) KP_CUBLAS(cublasSaxpy)(__VA_ARGS__)
#define cublasSdot(...) KP_CUBLAS(cublasSdot)(__VA_ARGS__)
#define cublasSnrm2(...) KP_CUBLAS(cublasSnrm2)(__VA_ARGS__)
#define cublasSscal(...) KP_CUBLAS(cublasSscal)(__VA_ARGS__)
#define cublasSgeam(...) KP_CUBLAS(cublasSgeam)(__VA_ARGS__)
