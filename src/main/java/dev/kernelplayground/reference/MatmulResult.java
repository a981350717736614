package dev.kernelplayground.reference;

/**
 * The float64 reference product {@code C = A·B} of an {@code m×k} by a {@code k×n} matrix, row-major
 * {@code m×n}, together with the error-bound scale of every element.
 *
 * <p>{@code values[i*n + j] = Σ_p a[i][p]·b[p][j]} and {@code absSum[i*n + j] = Σ_p |a[i][p]·b[p][j]|}, both
 * accumulated in double. A float32 kernel that sums in any order stays within about {@code k·2^-24·absSum}
 * of {@code values}, which is what a checker compares against. The arrays are shared, not copied.
 *
 * @param m rows of C
 * @param n columns of C
 * @param values C, row-major, {@code m*n} elements
 * @param absSum the sum of absolute products behind each element of C, row-major, {@code m*n} elements
 */
public record MatmulResult(int m, int n, double[] values, double[] absSum) {
  public MatmulResult {
    int count = Inputs.elementCount("m×n", m, n);
    if (values.length != count || absSum.length != count) {
      throw new IllegalArgumentException(
          "values has " + values.length + " and absSum " + absSum.length + " elements but m×n = " + count);
    }
  }

  /** C at (row, col). */
  public double valueAt(int row, int col) {
    return values[index(row, col)];
  }

  /** The sum of absolute products behind C at (row, col). */
  public double absSumAt(int row, int col) {
    return absSum[index(row, col)];
  }

  private int index(int row, int col) {
    if (row < 0 || row >= m || col < 0 || col >= n) {
      throw new IndexOutOfBoundsException("(" + row + ", " + col + ") is outside " + m + "×" + n);
    }
    return row * n + col;
  }
}
