package dev.kernelplayground.lessonkernels.conv1d;

import com.aparapi.Kernel;
import dev.kernelplayground.aparapi.Grid;

/**
 * out[i] = Σ_j w[j]·x[i + j − r] with x zero outside 0..n−1, one work-item per output, everything read from
 * global memory.
 *
 * <p>What it teaches: each x[i] is read by the width work-items whose windows cover it, so a filter of 2·r + 1
 * taps reads x 2·r + 1 times over (caches catch much of it; {@link TiledConv1dKernel} makes it explicit). The
 * guard j-range skips the taps that fall off either end of x: the zero padding costs nothing.
 */
public final class NaiveConv1dKernel extends Kernel {
  public static final int GROUP = 256;

  private final float[] x;
  private final float[] w;
  private final float[] out;
  private final int n;
  private final int width;

  public NaiveConv1dKernel(float[] x, float[] w, float[] out) {
    Conv1dShapes.require(x, w, out);
    this.x = x;
    this.w = w;
    this.out = out;
    this.n = x.length;
    this.width = w.length;
  }

  public Grid grid() {
    return Grid.oneD(n, GROUP);
  }

  @Override
  public void run() {
    int i = getGlobalId(0);
    if (i < n) {
      int r = width / 2;
      float sum = 0f;
      for (int j = 0; j < width; j++) {
        int at = i + j - r;
        if (at >= 0 && at < n) {
          sum += w[j] * x[at];
        }
      }
      out[i] = sum;
    }
  }
}
