package dev.kernelplayground.reference;

/**
 * Float64 reference for the transpose of a row-major {@code rows×cols} float matrix: the {@code cols×rows}
 * matrix {@code out[c][r] = x[r][c]}. Only values move, so a correct kernel reproduces it exactly.
 */
public final class TransposeReference {
  private TransposeReference() {}

  /** {@code x} transposed and widened to double, row-major {@code cols×rows}. */
  public static double[] compute(float[] x, int rows, int cols) {
    Inputs.requireRowsByCols(x, rows, cols);
    double[] out = new double[x.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = x[r * cols + c];
      }
    }
    return out;
  }
}
