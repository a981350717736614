package dev.kernelplayground.tour;

import com.aparapi.Kernel;

/**
 * A learner's first Java kernel, with the classic mistake: it allocates a scratch array inside
 * {@code run()}. Fine Java; impossible on a GPU (a work-item cannot call {@code new}). Aparapi would run it
 * on Java threads without a word — the tour shows the playground refusing it instead.
 */
final class AllocatingKernel extends Kernel {
  private final float[] x;
  private final float[] out;

  AllocatingKernel(float[] x, float[] out) {
    this.x = x;
    this.out = out;
  }

  @Override
  public void run() {
    int i = getGlobalId();
    float[] pair = new float[2];
    pair[0] = x[i];
    pair[1] = x[i];
    out[i] = pair[0] + pair[1];
  }
}
