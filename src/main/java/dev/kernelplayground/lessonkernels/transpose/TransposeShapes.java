package dev.kernelplayground.lessonkernels.transpose;

import dev.kernelplayground.lessonkernels.AparapiCase;

/** The argument check every transpose kernel's constructor shares. */
final class TransposeShapes {
  private TransposeShapes() {}

  static void require(float[] x, float[] out, int rows, int cols) {
    AparapiCase.requireRowsByCols("transpose", x, out, rows, cols);
  }
}
