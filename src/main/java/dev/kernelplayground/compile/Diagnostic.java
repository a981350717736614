package dev.kernelplayground.compile;

/**
 * One nvcc message, pointing at the user's own file.
 *
 * @param file the file as the user knows it (not nvcc's temporary copy)
 * @param line 1-based line, 0 when nvcc gave none
 * @param severity "error" or "warning"
 * @param message nvcc's text
 * @param sourceLine the offending line of the user's file, or "" when unknown
 */
public record Diagnostic(String file, int line, String severity, String message, String sourceLine) {

  /** "kernels/x.cu:12: error: identifier "y" is undefined" and, indented below, the source line. */
  public String render() {
    String head = file + (line > 0 ? ":" + line : "") + ": " + severity + ": " + message;
    return sourceLine.isBlank() ? head : head + "\n  " + line + " | " + sourceLine.stripTrailing();
  }
}
