package dev.kernelplayground.lessonkernels.histogram;

import com.aparapi.Kernel;
import dev.kernelplayground.aparapi.Grid;

/**
 * out[b] = how many values of x equal b, with one work-group counting into an int histogram: each work-item
 * strides over x and adds 1 to its value's bin with {@link #atomicAdd(int[], int, int)} (OpenCL's
 * {@code atomic_add}), then, after a barrier, the work-items copy the counts to out.
 *
 * <p>What it teaches: counts that many work-items update at once need atomic increments — a plain
 * {@code counts[b]++} loses updates when two work-items read the same old count. Aparapi's atomicAdd takes
 * global arrays only (its OpenCL passes a {@code __global int*}; a {@code @Local} array fails to compile), so
 * this is the global-atomic histogram (kernels/histogram/01) with one work-group; the CUDA file 02 shows the
 * privatised one in shared memory.
 */
public final class HistogramWorkGroupKernel extends Kernel {
  /** Work-items in the one work-group. */
  public static final int GROUP = 256;

  private final float[] x;
  private final float[] out;
  private final int n;
  private final int bins;

  private final int[] counts;

  public HistogramWorkGroupKernel(float[] x, float[] out) {
    if (out.length < 1) {
      throw new IllegalArgumentException("a histogram needs at least one bin");
    }
    this.x = x;
    this.out = out;
    this.n = x.length;
    this.bins = out.length;
    this.counts = new int[bins];
  }

  /** The launch: one work-group. */
  public Grid grid() {
    return Grid.oneD(GROUP, GROUP);
  }

  @Override
  public void run() {
    int item = getLocalId();
    for (int b = item; b < bins; b += GROUP) {
      counts[b] = 0;
    }
    localGlobalBarrier();  // counts is global memory
    for (int i = item; i < n; i += GROUP) {
      int b = (int) x[i];
      if (b >= 0 && b < bins) {
        atomicAdd(counts, b, 1);
      }
    }
    localGlobalBarrier();
    for (int b = item; b < bins; b += GROUP) {
      out[b] = counts[b];
    }
  }
}
