package dev.kernelplayground.aparapi;

import com.aparapi.Kernel;
import java.util.function.IntToDoubleFunction;

/** Untranslatable on purpose: calls a lambda. */
public final class LambdaKernel extends Kernel {
  final float[] out;
  final IntToDoubleFunction f = i -> i * 0.5;

  LambdaKernel(float[] out) {
    this.out = out;
  }

  @Override
  public void run() {
    int i = getGlobalId();
    out[i] = (float) f.applyAsDouble(i);
  }
}
