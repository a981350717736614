package dev.kernelplayground.compile;

import java.util.List;

/**
 * A kernel that did not compile: the message lists nvcc's (or ptxas') errors mapped to the user's file and line,
 * each with its source line.
 */
public final class CompileException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Diagnostic> errors;

  public CompileException(String message, List<Diagnostic> errors) {
    super(message);
    this.errors = List.copyOf(errors);
  }

  /** The errors, first first; empty when the compiler's output had no file:line (e.g. a ptxas failure). */
  public List<Diagnostic> errors() {
    return errors;
  }
}
