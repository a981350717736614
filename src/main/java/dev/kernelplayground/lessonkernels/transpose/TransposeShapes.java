package dev.kernelplayground.lessonkernels.transpose;

/** The argument check every transpose kernel's constructor shares. */
final class TransposeShapes {
  private TransposeShapes() {}

  static void require(float[] x, float[] out, int rows, int cols) {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException(String.format("transpose sizes must be positive, got %d×%d", rows, cols));
    }
    if (x.length != rows * cols || out.length != rows * cols) {
      throw new IllegalArgumentException(
          String.format(
              "transpose %d×%d needs x and out of %d floats; got %d and %d",
              rows, cols, rows * cols, x.length, out.length));
    }
  }
}
