package dev.kernelplayground.lessonkernels.vector;

import com.aparapi.Kernel;
import dev.kernelplayground.aparapi.Grid;

/**
 * out[i] = x[i], one work-item per element: the bandwidth kernel.
 *
 * <p>What it teaches: a kernel with no arithmetic at all measures the memory system alone. Its bytes per
 * second (one read and one write per element) is the highest bandwidth any kernel on this device can hope
 * for, so the roofline's memory slope can be checked against it. Consecutive work-items touch consecutive
 * floats — the coalesced pattern: on a GPU one warp's 32 loads become a few wide memory transactions.
 */
public final class CopyKernel extends Kernel {
  /** Work-items per work-group. */
  public static final int GROUP = 256;

  private final float[] x;
  private final float[] out;
  private final int n;

  public CopyKernel(float[] x, float[] out) {
    if (x.length != out.length) {
      throw new IllegalArgumentException("x and out must have one length; got " + x.length + " and " + out.length);
    }
    this.x = x;
    this.out = out;
    this.n = out.length;
  }

  /** The launch: n rounded up to whole work-groups. */
  public Grid grid() {
    return Grid.oneD(n, GROUP);
  }

  @Override
  public void run() {
    int i = getGlobalId();
    if (i < n) {
      out[i] = x[i];
    }
  }
}
