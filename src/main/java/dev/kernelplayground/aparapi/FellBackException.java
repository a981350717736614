package dev.kernelplayground.aparapi;

/**
 * A kernel asked to run on an OpenCL device that Aparapi ran somewhere else (its Java thread pool) or not
 * at all. Whatever it wrote is not reported as an OpenCL result.
 */
public final class FellBackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FellBackException(String message) {
    super(message);
  }
}
