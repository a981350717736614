package dev.kernelplayground.lessonkernels.scan;

import com.aparapi.Kernel;
import dev.kernelplayground.aparapi.Grid;

/**
 * The inclusive prefix sum of n floats by one work-group of {@link #GROUP} work-items that walks the array a
 * tile of GROUP elements at a time, scanning each tile with Kogge–Stone and adding the running total (the
 * carry) of the tiles before it.
 *
 * <p>What it teaches: Kogge–Stone takes log₂ GROUP steps; at step d every work-item t ≥ d adds the value d
 * places to its left, so after the steps with d = 1, 2, 4, ... each holds the sum of everything up to it. A
 * work-item reads its neighbour's value while that neighbour writes its own: two buffers in local memory, read
 * one and write the other, with a barrier between the steps. It does n·log₂ GROUP additions instead of n (not
 * work-efficient), and one work-group uses one compute unit of the GPU: correct, simple, and why real scans
 * split the array over the grid (lesson 12). Past the end the tile is padded with zeros, which add nothing.
 */
public final class KoggeStoneScanKernel extends Kernel {
  /** The work-group, and the tile it scans at a time. */
  public static final int GROUP = 256;

  private final float[] x;
  private final float[] out;
  private final int n;

  /** Two tiles, ping and pong: a step reads one and writes the other. */
  @Local private final float[] buffers = new float[2 * GROUP];

  public KoggeStoneScanKernel(float[] x, float[] out, int n) {
    if (n < 1 || x.length != n || out.length != n) {
      throw new IllegalArgumentException(String.format(
          "scan of n = %d needs x and out of n floats; got %d and %d", n, x.length, out.length));
    }
    this.x = x;
    this.out = out;
    this.n = n;
  }

  /** One work-group: the whole scan runs in it. */
  public Grid grid() {
    return Grid.oneD(GROUP, GROUP);
  }

  @Override
  public void run() {
    int t = getLocalId(0);
    float carry = 0f; // the sum of every tile before this one: each work-item keeps its own, equal copy
    for (int base = 0; base < n; base += GROUP) {
      int i = base + t;
      int read = 0;
      buffers[t] = i < n ? x[i] : 0f;
      localBarrier();
      for (int d = 1; d < GROUP; d *= 2) {
        float sum = buffers[read * GROUP + t];
        if (t >= d) {
          sum += buffers[read * GROUP + t - d];
        }
        buffers[(1 - read) * GROUP + t] = sum;
        localBarrier();
        read = 1 - read;
      }
      if (i < n) {
        out[i] = carry + buffers[read * GROUP + t];
      }
      carry += buffers[read * GROUP + GROUP - 1];
      localBarrier(); // everyone has read the tile's total before the next tile overwrites the buffers
    }
  }
}
