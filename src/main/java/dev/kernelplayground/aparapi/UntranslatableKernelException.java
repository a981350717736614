package dev.kernelplayground.aparapi;

/**
 * A Java kernel that Aparapi cannot turn into OpenCL C, said in plain words: the kernel class, the method
 * and the construct (a lambda or interface call, an object field, {@code new}, {@code throw}, recursion).
 */
public final class UntranslatableKernelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UntranslatableKernelException(String message, Throwable cause) {
    super(message, cause);
  }
}
