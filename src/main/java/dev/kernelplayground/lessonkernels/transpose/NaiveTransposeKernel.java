package dev.kernelplayground.lessonkernels.transpose;

import com.aparapi.Kernel;
import dev.kernelplayground.aparapi.Grid;

/**
 * out = xᵀ for a row-major rows×cols x (out is cols×rows), one work-item per element.
 *
 * <p>What it teaches: a transpose cannot have both sides coalesced by numbering alone. Here
 * {@code getGlobalId(0)} walks x's columns, so neighbouring work-items read neighbouring floats of a row of
 * x — one wide memory transaction for a warp — but write them {@code rows} floats apart in out: a separate
 * transaction per work-item. {@link TiledTransposeKernel} turns the tile around in local memory so the
 * writes are neighbours too. The guard keeps the work-items past the right and bottom edges of an odd-sized
 * matrix from reading or writing.
 */
public final class NaiveTransposeKernel extends Kernel {
  /** Work-group edge: GROUP×GROUP work-items. */
  public static final int GROUP = 16;

  private final float[] x;
  private final float[] out;
  private final int rows;
  private final int cols;

  public NaiveTransposeKernel(float[] x, float[] out, int rows, int cols) {
    TransposeShapes.require(x, out, rows, cols);
    this.x = x;
    this.out = out;
    this.rows = rows;
    this.cols = cols;
  }

  /** The launch: x over the columns of x, y over its rows, rounded up to whole groups. */
  public Grid grid() {
    return Grid.twoD(cols, rows, GROUP, GROUP);
  }

  @Override
  public void run() {
    int col = getGlobalId(0);
    int row = getGlobalId(1);
    if (row < rows && col < cols) {
      out[col * rows + row] = x[row * cols + col];
    }
  }
}
