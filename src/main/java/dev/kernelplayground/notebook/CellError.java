package dev.kernelplayground.notebook;

import java.util.List;

/**
 * A cell that did not run to the end: a compile error (with the cell's own line numbers), an exception
 * thrown by the user's code, or a stop on request. The message is for the learner: no JShell snippet
 * numbers, no kernel internals.
 */
public final class CellError extends RuntimeException {
  private final List<String> lines;

  public CellError(List<String> lines) {
    super(String.join("\n", lines));
    this.lines = List.copyOf(lines);
  }

  public CellError(String line) {
    this(List.of(line));
  }

  /** The message, one entry per line, as a notebook shows it. */
  public List<String> lines() {
    return lines;
  }
}
