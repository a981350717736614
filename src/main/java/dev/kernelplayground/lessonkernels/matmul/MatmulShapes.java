package dev.kernelplayground.lessonkernels.matmul;

/** The argument check every matmul kernel's constructor shares. */
final class MatmulShapes {
  private MatmulShapes() {}

  static void require(float[] a, float[] b, float[] c, int m, int n, int k) {
    if (m < 1 || n < 1 || k < 1) {
      throw new IllegalArgumentException(String.format("matmul sizes must be positive, got %d×%d×%d", m, n, k));
    }
    if (a.length != m * k || b.length != k * n || c.length != m * n) {
      throw new IllegalArgumentException(
          String.format(
              "matmul %d×%d×%d needs A of %d, B of %d and C of %d floats; got %d, %d and %d",
              m, n, k, m * k, k * n, m * n, a.length, b.length, c.length));
    }
  }
}
