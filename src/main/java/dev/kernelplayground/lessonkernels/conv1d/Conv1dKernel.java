package dev.kernelplayground.lessonkernels.conv1d;

import com.aparapi.Kernel;
import dev.kernelplayground.aparapi.Grid;
import dev.kernelplayground.reference.Conv1dReference;

/**
 * What every conv1d kernel holds — x, the taps w, out, their sizes — and its launch: one work-item per output in
 * work-groups of {@link #GROUP}. Subclasses write {@link #run()}.
 */
abstract class Conv1dKernel extends Kernel {
  static final int GROUP = 256;

  final float[] x;
  final float[] w;
  final float[] out;
  final int n;
  final int width;

  /** Refuses x and out of different lengths and a filter without a centre (an even width). */
  Conv1dKernel(float[] x, float[] w, float[] out) {
    if (x.length < 1 || out.length != x.length) {
      throw new IllegalArgumentException(String.format(
          "conv1d needs x and out of the same positive length; got %d and %d", x.length, out.length));
    }
    Conv1dReference.requireOddWidth(w.length);
    this.x = x;
    this.w = w;
    this.out = out;
    this.n = x.length;
    this.width = w.length;
  }

  public Grid grid() {
    return Grid.oneD(n, GROUP);
  }
}
