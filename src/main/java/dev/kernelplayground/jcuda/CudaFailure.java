package dev.kernelplayground.jcuda;

import jcuda.driver.CUresult;

/**
 * A CUDA call that failed, in words: which call, on what, and the driver's error name, e.g.
 * "cuMemAlloc of 64.0 MiB failed: CUDA_ERROR_OUT_OF_MEMORY".
 */
public class CudaFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int code;

  public CudaFailure(String message, int code) {
    super(message);
    this.code = code;
  }

  /** The driver's CUresult code (0 when the failure did not come from one call). */
  public int code() {
    return code;
  }

  /** Throws a {@link CudaFailure} naming {@code what} unless {@code result} is CUDA_SUCCESS. */
  static void check(int result, String what) {
    if (result != CUresult.CUDA_SUCCESS) {
      throw new CudaFailure(what + " failed: " + CUresult.stringFor(result), result);
    }
  }
}
