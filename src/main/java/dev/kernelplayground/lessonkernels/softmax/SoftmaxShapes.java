package dev.kernelplayground.lessonkernels.softmax;

import dev.kernelplayground.lessonkernels.AparapiCase;

/** The argument check every softmax kernel's constructor shares. */
final class SoftmaxShapes {
  private SoftmaxShapes() {}

  static void require(float[] x, float[] out, int rows, int cols) {
    AparapiCase.requireRowsByCols("softmax", x, out, rows, cols);
  }
}
