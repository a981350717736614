package dev.kernelplayground.reference;

/**
 * Float64 reference for the matrix product {@code C = A·B} with float inputs, A row-major {@code m×k} and B
 * row-major {@code k×n}; see {@link MatmulResult} for what it returns.
 *
 * <p>It is built to be fast enough to check large kernels. B is converted to double once and cut into
 * column panels of {@value #COL_BLOCK} columns, one small array per row of B. C is computed in tiles of up
 * to {@value #MAX_TILE_ROWS} rows × one panel; a tile walks k in blocks of {@value #K_BLOCK}, so the piece
 * of the panel it reuses for all its rows stays in L2, and accumulates into per-tile scratch rows that stay
 * in L1. The innermost loop runs over columns with every array indexed from 0, which HotSpot C2 turns into
 * SIMD code (it does not when a loaded and a stored double array sit at different offsets, since it cannot
 * rule out that they are one array). Tiles run on all available processors (see {@link Parallel}).
 *
 * <p>Every product of two floats is exact in double, so the only rounding is in the double sums.
 */
public final class MatmulReference {
  /** Columns of C per tile: one scratch row of a tile (values and absSum) stays in L1 while k advances. */
  static final int COL_BLOCK = 256;

  /** Rows of a panel reused by all rows of a tile: K_BLOCK×COL_BLOCK doubles = 256 KiB, in L2. */
  static final int K_BLOCK = 128;

  /** Most rows in one tile. */
  static final int MAX_TILE_ROWS = 64;

  /** Below this many multiply-adds the whole product runs on the calling thread. */
  static final long PARALLEL_THRESHOLD = 1L << 20;

  private MatmulReference() {}

  /** {@code A·B} for row-major A ({@code m×k}) and B ({@code k×n}) in float64, with its error-bound scale. */
  public static MatmulResult compute(float[] a, float[] b, int m, int n, int k) {
    Inputs.requirePositive("m", m);
    Inputs.requirePositive("n", n);
    Inputs.requirePositive("k", k);
    Inputs.requireLength("a", a, "m×k", m, k);
    Inputs.requireLength("b", b, "k×n", k, n);
    int outputs = Inputs.elementCount("m×n", m, n);
    Inputs.requireFinite("a", a, Inputs.MATRIX_AXES, m, k);
    Inputs.requireFinite("b", b, Inputs.MATRIX_AXES, k, n);

    boolean parallel = (long) m * n * k >= PARALLEL_THRESHOLD;
    double[][][] panels = panels(b, n, k, parallel);
    double[] values = new double[outputs];
    double[] absSum = new double[outputs];

    int colBlocks = panels.length;
    int wantedRowChunks = (4 * Parallel.threads() + colBlocks - 1) / colBlocks;
    int tileRows = Math.clamp(((long) m + wantedRowChunks - 1) / wantedRowChunks, 1, MAX_TILE_ROWS);
    int rowChunks = (m + tileRows - 1) / tileRows;
    int tiles = rowChunks * colBlocks; // at most m*n, so it fits
    Parallel.forRange(tiles, parallel ? 1 : tiles, (first, end) -> {
      for (int t = first; t < end; t++) {
        int r0 = (t / colBlocks) * tileRows;
        int block = t % colBlocks;
        int r1 = Math.min(m, r0 + tileRows);
        computeTile(a, k, panels[block], r0, r1, block * COL_BLOCK, n, values, absSum);
      }
    });
    return new MatmulResult(m, n, values, absSum);
  }

  /** B in double as {@code panels[block][p]} = columns {@code [block*COL_BLOCK, ...)} of row p. */
  private static double[][][] panels(float[] b, int n, int k, boolean parallel) {
    int colBlocks = (n + COL_BLOCK - 1) / COL_BLOCK;
    double[][][] panels = new double[colBlocks][k][];
    Parallel.forRange(k, parallel ? Math.max(1, k / (4 * Parallel.threads())) : k, (p0, p1) -> {
      for (int p = p0; p < p1; p++) {
        for (int block = 0; block < colBlocks; block++) {
          int j0 = block * COL_BLOCK;
          double[] row = new double[Math.min(COL_BLOCK, n - j0)];
          for (int j = 0; j < row.length; j++) {
            row[j] = b[p * n + j0 + j];
          }
          panels[block][p] = row;
        }
      }
    });
    return panels;
  }

  /** Rows {@code [r0, r1)} of C in the columns of {@code panel}, which start at column {@code j0}. */
  private static void computeTile(float[] a, int k, double[][] panel, int r0, int r1, int j0, int n,
      double[] values, double[] absSum) {
    int len = panel[0].length;
    double[][] acc = new double[r1 - r0][len];
    double[][] accAbs = new double[r1 - r0][len];
    for (int k0 = 0; k0 < k; k0 += K_BLOCK) {
      int k1 = Math.min(k, k0 + K_BLOCK);
      for (int i = r0; i < r1; i++) {
        double[] c = acc[i - r0];
        double[] s = accAbs[i - r0];
        int aRow = i * k;
        int p = k0;
        for (; p + 1 < k1; p += 2) {
          accumulatePair(panel[p], panel[p + 1], a[aRow + p], a[aRow + p + 1], c, s);
        }
        if (p < k1) {
          accumulate(panel[p], a[aRow + p], c, s);
        }
      }
    }
    for (int i = r0; i < r1; i++) {
      System.arraycopy(acc[i - r0], 0, values, i * n + j0, len);
      System.arraycopy(accAbs[i - r0], 0, absSum, i * n + j0, len);
    }
  }

  /** {@code c += a0·b0 + a1·b1} and {@code s += |a0·b0| + |a1·b1|}, element-wise; all arrays from index 0. */
  private static void accumulatePair(
      double[] b0, double[] b1, double a0, double a1, double[] c, double[] s) {
    for (int j = 0; j < b0.length; j++) {
      double p0 = a0 * b0[j];
      double p1 = a1 * b1[j];
      c[j] += p0 + p1;
      s[j] += Math.abs(p0) + Math.abs(p1);
    }
  }

  /** {@code c += a·b} and {@code s += |a·b|}, element-wise; all arrays from index 0. */
  private static void accumulate(double[] b, double a, double[] c, double[] s) {
    for (int j = 0; j < b.length; j++) {
      double p = a * b[j];
      c[j] += p;
      s[j] += Math.abs(p);
    }
  }
}
