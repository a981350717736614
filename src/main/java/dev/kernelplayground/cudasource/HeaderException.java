package dev.kernelplayground.cudasource;

import java.nio.file.Path;

/**
 * A kernel header the playground cannot use: the message starts with {@code file:line:} so an editor can jump
 * there, and says what is wrong in plain words.
 */
public final class HeaderException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final Path file;
  private final int line;

  public HeaderException(Path file, int line, String problem) {
    super(file + ":" + line + ": " + problem);
    this.file = file;
    this.line = line;
  }

  /** The kernel file. */
  public Path file() {
    return file;
  }

  /** 1-based line of the header entry at fault. */
  public int line() {
    return line;
  }
}
