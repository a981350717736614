package dev.kernelplayground.lessonkernels.transpose;

import com.aparapi.Kernel;
import dev.kernelplayground.aparapi.Grid;

/** A planted bug: the store uses x's stride (row·cols + col), so out is a copy of x, not its transpose. */
public final class CopyInsteadOfTransposeKernel extends Kernel {
  private final float[] x;
  private final float[] out;
  private final int rows;
  private final int cols;

  public CopyInsteadOfTransposeKernel(float[] x, float[] out, int rows, int cols) {
    this.x = x;
    this.out = out;
    this.rows = rows;
    this.cols = cols;
  }

  public Grid grid() {
    return Grid.twoD(cols, rows, 16, 16);
  }

  @Override
  public void run() {
    int col = getGlobalId(0);
    int row = getGlobalId(1);
    if (row < rows && col < cols) {
      out[row * cols + col] = x[row * cols + col];
    }
  }
}
