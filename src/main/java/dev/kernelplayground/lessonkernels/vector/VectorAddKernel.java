package dev.kernelplayground.lessonkernels.vector;

import com.aparapi.Kernel;
import dev.kernelplayground.aparapi.Grid;

/**
 * c[i] = a[i] + b[i], one work-item per element — the "hello world" of GPU kernels, written in Java.
 *
 * <p>What it teaches: {@link #getGlobalId()} is the work-item's index in the whole launch (CUDA's
 * {@code blockIdx.x * blockDim.x + threadIdx.x}). The launch is rounded up to whole work-groups of
 * {@link #GROUP} work-items, so the last group has work-items past the end of the arrays: the guard
 * {@code if (i < n)} keeps them from reading and writing out of bounds. Memory-bound: 2 loads and 1 store
 * per FLOP. The Java in {@link #run()} is what Aparapi translates to OpenCL C: only primitives, arrays of
 * primitives and the kernel's own fields and methods.
 */
public final class VectorAddKernel extends Kernel {
  /** Work-items per work-group. */
  public static final int GROUP = 256;

  private final float[] a;
  private final float[] b;
  private final float[] c;
  private final int n;

  public VectorAddKernel(float[] a, float[] b, float[] c) {
    if (a.length != c.length || b.length != c.length) {
      throw new IllegalArgumentException(
          "a, b and c must have one length; got " + a.length + ", " + b.length + ", " + c.length);
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.n = c.length;
  }

  /** The launch: n rounded up to whole work-groups. */
  public Grid grid() {
    return Grid.oneD(n, GROUP);
  }

  @Override
  public void run() {
    int i = getGlobalId();
    if (i < n) {
      c[i] = a[i] + b[i];
    }
  }
}
