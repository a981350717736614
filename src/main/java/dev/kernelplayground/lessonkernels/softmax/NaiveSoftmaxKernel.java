package dev.kernelplayground.lessonkernels.softmax;

import com.aparapi.Kernel;
import dev.kernelplayground.aparapi.Grid;

/**
 * Row-wise softmax, one work-item per row, three passes over the row.
 *
 * <p>What it teaches: softmax(x)_j = e^(x_j − max) / Σ e^(x_i − max). Subtracting the row's maximum does
 * not change the result but keeps e^x from overflowing (e^89 is already infinite in fp32). Written
 * directly that is three passes: find the max, sum the exponentials, write each one divided by the sum —
 * three reads of the row from memory and two exponentials per element. It also gives each row to a
 * single work-item, so a matrix with few rows leaves most of a GPU idle. The next two kernels fix one
 * problem each.
 */
public final class NaiveSoftmaxKernel extends Kernel {
  /** Work-items (rows) per work-group. */
  public static final int GROUP = 64;

  private final float[] x;
  private final float[] out;
  private final int rows;
  private final int cols;

  public NaiveSoftmaxKernel(float[] x, float[] out, int rows, int cols) {
    SoftmaxShapes.require(x, out, rows, cols);
    this.x = x;
    this.out = out;
    this.rows = rows;
    this.cols = cols;
  }

  /** The launch: one work-item per row. */
  public Grid grid() {
    return Grid.oneD(rows, GROUP);
  }

  @Override
  public void run() {
    int row = getGlobalId();
    if (row < rows) {
      int base = row * cols;
      float rowMax = x[base];
      for (int j = 1; j < cols; j++) {
        rowMax = max(rowMax, x[base + j]);
      }
      float sum = 0f;
      for (int j = 0; j < cols; j++) {
        sum += exp(x[base + j] - rowMax);
      }
      for (int j = 0; j < cols; j++) {
        out[base + j] = exp(x[base + j] - rowMax) / sum;
      }
    }
  }
}
