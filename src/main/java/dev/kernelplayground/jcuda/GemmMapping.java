package dev.kernelplayground.jcuda;

/**
 * How a row-major product is asked of cuBLAS, which is column-major.
 *
 * <p>A row-major m×n matrix C, read column-major, is Cᵀ (n×m) with leading dimension n. So row-major
 * C = A·B is, column-major, Cᵀ = Bᵀ·Aᵀ: cuBLAS is called with no transposes, its "m" = n, its "n" = m,
 * B as its first operand (leading dimension n), A as its second (leading dimension k), and C with leading
 * dimension n. No data is transposed; only the roles swap.
 *
 * @param rows cuBLAS's m: rows of its column-major result (our n)
 * @param cols cuBLAS's n: columns of its result (our m)
 * @param inner cuBLAS's k (our k)
 * @param first which of our matrices is cuBLAS's A ("B")
 * @param ldFirst its leading dimension
 * @param second which of our matrices is cuBLAS's B ("A")
 * @param ldSecond its leading dimension
 * @param ldResult the result's leading dimension
 */
public record GemmMapping(
    int rows, int cols, int inner, String first, int ldFirst, String second, int ldSecond, int ldResult) {

  /** The cuBLAS call for row-major C (m×n) = A (m×k) · B (k×n). */
  public static GemmMapping rowMajor(int m, int n, int k) {
    if (m <= 0 || n <= 0 || k <= 0) {
      throw new IllegalArgumentException("matrix sizes must be positive, got m=" + m + " n=" + n + " k=" + k);
    }
    return new GemmMapping(n, m, k, "B", n, "A", k, n);
  }
}
