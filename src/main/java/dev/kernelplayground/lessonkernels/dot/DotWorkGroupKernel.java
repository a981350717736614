package dev.kernelplayground.lessonkernels.dot;

import com.aparapi.Kernel;
import dev.kernelplayground.aparapi.Grid;

/**
 * out[0] = x · y with one work-group: its {@link #GROUP} work-items stride over x and y together (work-item i
 * takes elements i, i + GROUP, ..., so neighbours read neighbours), each keeps its own partial sum, and a tree in
 * local memory adds the partials, halving the active work-items at each of log₂ GROUP steps behind a barrier.
 *
 * <p>What it teaches: a reduction inside one group needs nothing but local memory and barriers; it is the
 * grid that has none. One group uses one compute unit of a GPU, so the CUDA versions (kernels/dot/) spread
 * the sum over many blocks and combine their results with atomics or a second launch.
 */
public final class DotWorkGroupKernel extends Kernel {
  /** Work-items in the one work-group (a power of two, for the tree). */
  public static final int GROUP = 256;

  private final float[] x;
  private final float[] y;
  private final float[] out;
  private final int n;

  @Local private final float[] partial = new float[GROUP];

  public DotWorkGroupKernel(float[] x, float[] y, float[] out) {
    if (x.length != y.length || out.length != 1) {
      throw new IllegalArgumentException("a dot product takes x and y of one length and an out of 1; got "
          + x.length + ", " + y.length + " and " + out.length);
    }
    this.x = x;
    this.y = y;
    this.out = out;
    this.n = x.length;
  }

  /** The launch: one work-group. */
  public Grid grid() {
    return Grid.oneD(GROUP, GROUP);
  }

  @Override
  public void run() {
    int item = getLocalId();
    float sum = 0f;
    for (int i = item; i < n; i += GROUP) {
      sum += x[i] * y[i];
    }
    partial[item] = sum;
    localBarrier();
    for (int active = GROUP / 2; active > 0; active /= 2) {
      if (item < active) {
        partial[item] += partial[item + active];
      }
      localBarrier();  // outside the if: every work-item reaches every barrier
    }
    if (item == 0) {
      out[0] = partial[0];
    }
  }
}
