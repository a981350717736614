package dev.kernelplayground.lessonkernels.softmax;

/** The argument check every softmax kernel's constructor shares. */
final class SoftmaxShapes {
  private SoftmaxShapes() {}

  static void require(float[] x, float[] out, int rows, int cols) {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException(String.format("softmax sizes must be positive, got %d×%d", rows, cols));
    }
    if (x.length != rows * cols || out.length != rows * cols) {
      throw new IllegalArgumentException(
          String.format(
              "softmax %d×%d needs x and out of %d floats; got %d and %d",
              rows, cols, rows * cols, x.length, out.length));
    }
  }
}
