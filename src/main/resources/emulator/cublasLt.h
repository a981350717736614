// cublasLt.h on the emulator: the types and declarations programs use, so a program that includes it runs.
// cuBLASLt does not run on the emulator: a matmul call prints which call and line and returns
// CUBLAS_STATUS_NOT_SUPPORTED; creating and destroying handles and descriptors is accepted.
#pragma once
#include "cublas_v2.h"

struct cublasLtContext {};
struct cublasLtMatmulDescOpaque_t {};
struct cublasLtMatrixLayoutOpaque_t {};
struct cublasLtMatmulPreferenceOpaque_t {};
typedef cublasLtContext* cublasLtHandle_t;
typedef cublasLtMatmulDescOpaque_t* cublasLtMatmulDesc_t;
typedef cublasLtMatrixLayoutOpaque_t* cublasLtMatrixLayout_t;
typedef cublasLtMatmulPreferenceOpaque_t* cublasLtMatmulPreference_t;
struct cublasLtMatmulAlgo_t {
  unsigned long long data[8];
};
struct cublasLtMatmulHeuristicResult_t {
  cublasLtMatmulAlgo_t algo;
  size_t workspaceSize;
  cublasStatus_t state;
  float wavesCount;
  int reserved[4];
};
typedef enum {
  CUBLASLT_MATMUL_DESC_TRANSA = 3,
  CUBLASLT_MATMUL_DESC_TRANSB = 4,
  CUBLASLT_MATMUL_DESC_EPILOGUE = 7,
  CUBLASLT_MATMUL_DESC_BIAS_POINTER = 8
} cublasLtMatmulDescAttributes_t;
typedef enum { CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES = 1 } cublasLtMatmulPreferenceAttributes_t;
typedef enum {
  CUBLASLT_EPILOGUE_DEFAULT = 1,
  CUBLASLT_EPILOGUE_RELU = 2,
  CUBLASLT_EPILOGUE_BIAS = 4,
  CUBLASLT_EPILOGUE_GELU = 32,
  CUBLASLT_EPILOGUE_GELU_BIAS = 36
} cublasLtEpilogue_t;
typedef enum { CUBLASLT_ORDER_COL = 0, CUBLASLT_ORDER_ROW = 1 } cublasLtOrder_t;
typedef enum { CUBLASLT_MATRIX_LAYOUT_ORDER = 1 } cublasLtMatrixLayoutAttribute_t;

#define KP_CUBLASLT_OBJECT(create, destroy, type)       \
  template <class... A>                                 \
  inline cublasStatus_t create(type* out, A...) {       \
    *out = new std::remove_pointer_t<type>();           \
    return CUBLAS_STATUS_SUCCESS;                       \
  }                                                     \
  inline cublasStatus_t destroy(type p) {               \
    delete p;                                           \
    return CUBLAS_STATUS_SUCCESS;                       \
  }
KP_CUBLASLT_OBJECT(cublasLtCreate, cublasLtDestroy, cublasLtHandle_t)
KP_CUBLASLT_OBJECT(cublasLtMatmulDescCreate, cublasLtMatmulDescDestroy, cublasLtMatmulDesc_t)
KP_CUBLASLT_OBJECT(cublasLtMatrixLayoutCreate, cublasLtMatrixLayoutDestroy, cublasLtMatrixLayout_t)
KP_CUBLASLT_OBJECT(cublasLtMatmulPreferenceCreate, cublasLtMatmulPreferenceDestroy, cublasLtMatmulPreference_t)
#undef KP_CUBLASLT_OBJECT
template <class... A>
inline cublasStatus_t cublasLtMatmulDescSetAttribute(A...) { return CUBLAS_STATUS_SUCCESS; }
template <class... A>
inline cublasStatus_t cublasLtMatrixLayoutSetAttribute(A...) { return CUBLAS_STATUS_SUCCESS; }
template <class... A>
inline cublasStatus_t cublasLtMatmulPreferenceSetAttribute(A...) { return CUBLAS_STATUS_SUCCESS; }
#define cublasLtMatmulAlgoGetHeuristic(...) KP_CUBLAS(cublasLtMatmulAlgoGetHeuristic)(__VA_ARGS__)
#define cublasLtMatmul(...) KP_CUBLAS(cublasLtMatmul)(__VA_ARGS__)
