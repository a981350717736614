package dev.kernelplayground.threads;

/**
 * A Java kernel threw while it ran: names the block, the exception, and the kernel's own line where it
 * happened (the first stack frame outside the playground's machinery).
 */
public final class KernelFailure extends RuntimeException {
  private final int blockX;

  KernelFailure(int blockX, int blockY, Throwable cause) {
    super(describe(blockX, blockY, cause), cause);
    this.blockX = blockX;
  }

  /** The x index of the block that failed; the message names the whole block, (x, y). */
  public int blockX() {
    return blockX;
  }

  private static String describe(int blockX, int blockY, Throwable cause) {
    StringBuilder text =
        new StringBuilder(
            String.format(
                "the kernel failed in block (%d, %d): %s", blockX, blockY, cause.getClass().getSimpleName()));
    if (cause.getMessage() != null) {
      text.append(": ").append(cause.getMessage());
    }
    for (StackTraceElement frame : cause.getStackTrace()) {
      String owner = frame.getClassName();
      boolean machinery =
          owner.equals(BlockGrid.class.getName())
              || owner.startsWith(BlockGrid.class.getName() + "$")
              || owner.startsWith("java.")
              || owner.startsWith("jdk.");
      if (!machinery) {
        text.append(" at ").append(frame.getClassName()).append('.').append(frame.getMethodName());
        if (frame.getLineNumber() > 0) {
          text.append(" (").append(frame.getFileName()).append(':').append(frame.getLineNumber()).append(')');
        }
        break;
      }
    }
    return text.toString();
  }
}
