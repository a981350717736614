package dev.kernelplayground.jcuda;

/**
 * CUDA work was asked for on a machine that cannot do it: no driver, no GPU, no cuBLAS. The message is the
 * plain reason from {@link CudaAvailability}.
 */
public class CudaUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CudaUnavailableException(String reason) {
    super(reason);
  }
}
