package dev.kernelplayground.reference;

/**
 * Float64 reference for the row-wise softmax of a row-major {@code rows×cols} float matrix:
 * {@code y[r][c] = exp(x[r][c] - max_r) / Σ_c' exp(x[r][c'] - max_r)}.
 *
 * <p>Subtracting the row maximum first keeps every exponent at most 0, so rows such as {@code [1000, -1000]}
 * give {@code [1, 0]} instead of overflowing; the largest entry of each row contributes exactly 1 to the sum.
 */
public final class SoftmaxReference {
  /** Below this many elements the whole softmax runs on the calling thread. */
  static final int PARALLEL_THRESHOLD = 1 << 16;

  private SoftmaxReference() {}

  /** Softmax of each row of {@code x}, row-major {@code rows×cols}, in double. */
  public static double[] rows(float[] x, int rows, int cols) {
    Inputs.requireRowsByCols(x, rows, cols);
    double[] y = new double[x.length];
    int rowsPerChunk = x.length < PARALLEL_THRESHOLD ? rows : Math.max(1, PARALLEL_THRESHOLD / cols);
    Parallel.forRange(rows, rowsPerChunk, (r0, r1) -> {
      for (int r = r0; r < r1; r++) {
        softmaxRow(x, y, r * cols, cols);
      }
    });
    return y;
  }

  private static void softmaxRow(float[] x, double[] y, int offset, int cols) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < cols; c++) {
      max = Math.max(max, x[offset + c]);
    }
    double sum = 0;
    for (int c = 0; c < cols; c++) {
      double e = Math.exp(x[offset + c] - max);
      y[offset + c] = e;
      sum += e;
    }
    for (int c = 0; c < cols; c++) {
      y[offset + c] /= sum;
    }
  }
}
