package dev.kernelplayground.lessonkernels.conv1d;

import dev.kernelplayground.reference.Conv1dReference;

/** The argument check every conv1d kernel's constructor shares. */
final class Conv1dShapes {
  private Conv1dShapes() {}

  static void require(float[] x, float[] w, float[] out) {
    if (x.length < 1 || out.length != x.length) {
      throw new IllegalArgumentException(String.format(
          "conv1d needs x and out of the same positive length; got %d and %d", x.length, out.length));
    }
    Conv1dReference.requireOddWidth(w.length);
  }
}
