package dev.kernelplayground.aparapi;

/** A kernel launch on OpenCL was stopped while the kernel still ran, or another one still runs: it cannot be cancelled. */
public final class KernelStillRunningException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KernelStillRunningException(String message) {
    super(message);
  }
}
