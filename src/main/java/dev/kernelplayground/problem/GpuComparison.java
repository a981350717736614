package dev.kernelplayground.problem;

/** What a kernel's speed on a GPU is reported as a percentage of, in the GPU report. */
public enum GpuComparison {
  /** fp32 GEMM: % of cuBLAS SGEMM at the same size. */
  CUBLAS_SGEMM("cublas_sgemm"),
  /** fp16-input GEMM with fp32 accumulate: % of cuBLAS HGEMM (tensor cores) at the same size. */
  CUBLAS_HGEMM("cublas_hgemm"),
  /** Memory-bound kernels: % of the GPU's peak DRAM bandwidth. */
  PEAK_BANDWIDTH(null),
  /** % of peak DRAM bandwidth, and % of the copy kernel's bandwidth on as many elements (softmax). */
  COPY_BANDWIDTH(null),
  /** The speed-up over the naive three-kernel attention at the same shape. */
  NAIVE_ATTENTION(null);

  private final String baseline;

  GpuComparison(String baseline) {
    this.baseline = baseline;
  }

  /** The cuBLAS kernel this comparison's rows are a percentage of, or null when there is none. */
  public String baseline() {
    return baseline;
  }
}
