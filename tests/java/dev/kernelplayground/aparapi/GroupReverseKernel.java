package dev.kernelplayground.aparapi;

import com.aparapi.Kernel;

/**
 * Reverses each work-group's slice of {@code in} through local memory: every item waits at the barrier, and
 * reads a slot another item wrote, so a group must not start before the last one has read its slots.
 */
public final class GroupReverseKernel extends Kernel {
  static final int GROUP = 256;

  final float[] in;
  final float[] out;
  @Local final float[] staged = new float[GROUP];

  GroupReverseKernel(float[] in, float[] out) {
    this.in = in;
    this.out = out;
  }

  @Override
  public void run() {
    int i = getGlobalId();
    int local = getLocalId();
    staged[local] = i < in.length ? in[i] : 0f;
    localBarrier();
    if (i < out.length) {
      out[i] = staged[GROUP - 1 - local];
    }
  }
}
