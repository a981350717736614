package dev.kernelplayground.aparapi;

import com.aparapi.Kernel;

/** Fine Java, but its variable {@code half} is an OpenCL C type: the generated C does not compile. */
public final class KeywordVariableKernel extends Kernel {
  final float[] out;

  KeywordVariableKernel(float[] out) {
    this.out = out;
  }

  @Override
  public void run() {
    int i = getGlobalId();
    int half = i / 2;
    if (i < out.length) {
      out[i] = half;
    }
  }
}
