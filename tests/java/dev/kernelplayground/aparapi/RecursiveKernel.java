package dev.kernelplayground.aparapi;

import com.aparapi.Kernel;

/** Untranslatable on purpose: recursion. */
public final class RecursiveKernel extends Kernel {
  final float[] out;

  RecursiveKernel(float[] out) {
    this.out = out;
  }

  int triangle(int n) {
    return n <= 0 ? 0 : n + triangle(n - 1);
  }

  @Override
  public void run() {
    out[getGlobalId()] = triangle(getGlobalId());
  }
}
