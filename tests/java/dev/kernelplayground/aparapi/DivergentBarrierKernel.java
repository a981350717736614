package dev.kernelplayground.aparapi;

import com.aparapi.Kernel;

/** Only the first ten work-items of each group reach the barrier: on a GPU, a hang. */
public final class DivergentBarrierKernel extends Kernel {
  final float[] out;

  DivergentBarrierKernel(float[] out) {
    this.out = out;
  }

  @Override
  public void run() {
    if (getLocalId() < 10) {
      localBarrier();
    }
    out[getGlobalId()] = 1f;
  }
}
