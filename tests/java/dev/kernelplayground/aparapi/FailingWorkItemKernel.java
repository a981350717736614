package dev.kernelplayground.aparapi;

import com.aparapi.Kernel;

/** Writes one element past {@code out} from the last work-item, after a barrier the others wait at. */
public final class FailingWorkItemKernel extends Kernel {
  final float[] out;

  FailingWorkItemKernel(float[] out) {
    this.out = out;
  }

  @Override
  public void run() {
    int i = getGlobalId();
    localBarrier();
    out[i == getGlobalSize() - 1 ? out.length : i] = 1f;
    localBarrier();
  }
}
