package dev.kernelplayground.jcuda;

/** CUDA C that NVRTC would not compile; the message carries NVRTC's own file(line) messages. */
public class CudaCompileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CudaCompileException(String message) {
    super(message);
  }
}
