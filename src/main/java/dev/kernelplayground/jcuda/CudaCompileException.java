package dev.kernelplayground.jcuda;

/** CUDA C that nvcc would not compile; the message carries nvcc's own file:line messages. */
public class CudaCompileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CudaCompileException(String message) {
    super(message);
  }
}
