package dev.kernelplayground.aparapi;

import com.aparapi.Kernel;

/** Untranslatable on purpose: allocates an array (Aparapi 3.0.2's translator hangs on this). */
public final class ArrayInKernel extends Kernel {
  final float[] out;

  ArrayInKernel(float[] out) {
    this.out = out;
  }

  @Override
  public void run() {
    float[] scratch = new float[4];
    scratch[0] = getGlobalId();
    out[getGlobalId()] = scratch[0];
  }
}
