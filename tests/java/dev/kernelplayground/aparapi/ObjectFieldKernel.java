package dev.kernelplayground.aparapi;

import com.aparapi.Kernel;

/** Untranslatable on purpose: reads a field of an object. Fine on Java threads. */
public final class ObjectFieldKernel extends Kernel {
  /** An object the kernel reads a field of. */
  public static final class Scale {
    final float factor;

    Scale(float factor) {
      this.factor = factor;
    }
  }

  final float[] out;
  final Scale scale = new Scale(2f);

  ObjectFieldKernel(float[] out) {
    this.out = out;
  }

  @Override
  public void run() {
    int i = getGlobalId();
    if (i < out.length) {
      out[i] = scale.factor * i;
    }
  }
}
