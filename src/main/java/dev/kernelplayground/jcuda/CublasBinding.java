package dev.kernelplayground.jcuda;

/**
 * The six cuBLAS calls the baseline makes, one method per C function with the C argument order, device
 * pointers and the handle as raw addresses, and the cublasStatus_t returned as is. Implemented over
 * java.lang.foreign by {@code ForeignCublas} (src/main/java22); found and loaded by {@link CublasLibrary}.
 *
 * <p>The enum values are cuBLAS's and CUDA's (cublas_api.h, library_types.h), the same in cuBLAS 12 and 13.
 */
interface CublasBinding {
  /** cublasOperation_t: no transpose. */
  int CUBLAS_OP_N = 0;
  /** cudaDataType_t: fp32. */
  int CUDA_R_32F = 0;
  /** cudaDataType_t: fp16. */
  int CUDA_R_16F = 2;
  /** cublasComputeType_t: fp32 compute and accumulate. */
  int CUBLAS_COMPUTE_32F = 68;
  /** cublasGemmAlgo_t: cuBLAS's heuristics choose. */
  int CUBLAS_GEMM_DEFAULT = -1;
  /** cublasStatus_t: success. */
  int CUBLAS_STATUS_SUCCESS = 0;

  /** The library file (or, where the loader found it by name, the name) that serves the calls. */
  String library();

  /** {@code cublasCreate_v2(cublasHandle_t *handle)}: the new handle goes to {@code handle[0]}. */
  int create(long[] handle);

  /** {@code cublasSetStream_v2(cublasHandle_t, cudaStream_t)}; stream 0 is the default stream. */
  int setStream(long handle, long stream);

  /** {@code cublasSgemm_v2}: alpha and beta are passed by host pointer (the default pointer mode). */
  int sgemm(
      long handle, int transa, int transb, int m, int n, int k,
      float alpha, long a, int lda, long b, int ldb, float beta, long c, int ldc);

  /** {@code cublasGemmEx}: alpha and beta are host floats, as CUBLAS_COMPUTE_32F wants. */
  int gemmEx(
      long handle, int transa, int transb, int m, int n, int k,
      float alpha, long a, int aType, int lda, long b, int bType, int ldb,
      float beta, long c, int cType, int ldc, int computeType, int algo);

  /** {@code cublasGetVersion_v2(cublasHandle_t, int *version)}: the version goes to {@code version[0]}. */
  int getVersion(long handle, int[] version);

  /** {@code cublasDestroy_v2(cublasHandle_t)}. */
  int destroy(long handle);
}
