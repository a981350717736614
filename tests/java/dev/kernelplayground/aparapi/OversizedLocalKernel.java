package dev.kernelplayground.aparapi;

import com.aparapi.Kernel;

/** Asks for more local memory than a work-group can have: 4 MiB of @Local floats. */
public final class OversizedLocalKernel extends Kernel {
  static final int FLOATS = 1 << 20;

  final float[] out;
  @Local final float[] staging = new float[FLOATS];

  OversizedLocalKernel(float[] out) {
    this.out = out;
  }

  @Override
  public void run() {
    int i = getGlobalId();
    staging[getLocalId()] = i;
    localBarrier();
    if (i < out.length) {
      out[i] = staging[getLocalId()];
    }
  }
}
