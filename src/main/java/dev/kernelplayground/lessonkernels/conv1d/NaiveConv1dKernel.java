package dev.kernelplayground.lessonkernels.conv1d;

/**
 * out[i] = Σ_j w[j]·x[i + j − r] with x zero outside 0..n−1, one work-item per output, everything read from
 * global memory.
 *
 * <p>What it teaches: each x[i] is read by the width work-items whose windows cover it, so a filter of 2·r + 1
 * taps reads x 2·r + 1 times over (caches catch much of it; {@link TiledConv1dKernel} makes it explicit). The
 * guard j-range skips the taps that fall off either end of x: the zero padding costs nothing.
 */
public final class NaiveConv1dKernel extends Conv1dKernel {
  public NaiveConv1dKernel(float[] x, float[] w, float[] out) {
    super(x, w, out);
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
