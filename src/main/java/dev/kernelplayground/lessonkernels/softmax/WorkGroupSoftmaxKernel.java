package dev.kernelplayground.lessonkernels.softmax;

import com.aparapi.Kernel;
import dev.kernelplayground.aparapi.Grid;

/**
 * Row-wise softmax with a whole work-group per row and tree reductions in local memory.
 *
 * <p>What it teaches: a row of 4096 floats is too much work for one work-item and far too little
 * parallelism for a GPU if each row gets only one. Here {@link #GROUP} work-items share a row: each walks
 * it with a stride of GROUP (neighbours read neighbouring floats: coalesced), keeps a partial maximum,
 * and the group combines the partials in local memory by halving — 128 → 64 → ... → 1, a barrier between
 * steps so nobody reads a partial before it is written. The same again for the sum of exponentials, then
 * every work-item writes its share of the outputs. Every work-item of the group reaches every barrier,
 * including those whose stride starts past the end of a short row.
 */
public final class WorkGroupSoftmaxKernel extends Kernel {
  /** Work-items per row (a power of two, for the halving reduction). */
  public static final int GROUP = 128;

  private final float[] x;
  private final float[] out;
  private final int rows;
  private final int cols;

  /** One partial (max, then sum) per work-item of the group. */
  @Local private final float[] partial = new float[GROUP];

  public WorkGroupSoftmaxKernel(float[] x, float[] out, int rows, int cols) {
    SoftmaxShapes.require(x, out, rows, cols);
    this.x = x;
    this.out = out;
    this.rows = rows;
    this.cols = cols;
  }

  /** The launch: one work-group of {@link #GROUP} work-items per row. */
  public Grid grid() {
    return new Grid(rows * GROUP, 1, GROUP, 1);
  }

  @Override
  public void run() {
    int lane = getLocalId();
    int base = getGroupId() * cols;
    float localMax = x[base];
    for (int j = lane; j < cols; j += GROUP) {
      localMax = max(localMax, x[base + j]);
    }
    partial[lane] = localMax;
    localBarrier();
    for (int stride = GROUP / 2; stride > 0; stride /= 2) {
      if (lane < stride) {
        partial[lane] = max(partial[lane], partial[lane + stride]);
      }
      localBarrier();
    }
    float rowMax = partial[0];
    localBarrier();
    float localSum = 0f;
    for (int j = lane; j < cols; j += GROUP) {
      localSum += exp(x[base + j] - rowMax);
    }
    partial[lane] = localSum;
    localBarrier();
    for (int stride = GROUP / 2; stride > 0; stride /= 2) {
      if (lane < stride) {
        partial[lane] += partial[lane + stride];
      }
      localBarrier();
    }
    float rowSum = partial[0];
    for (int j = lane; j < cols; j += GROUP) {
      out[base + j] = exp(x[base + j] - rowMax) / rowSum;
    }
  }
}
