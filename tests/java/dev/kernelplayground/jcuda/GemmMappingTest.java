package dev.kernelplayground.jcuda;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.check.Arithmetic;
import dev.kernelplayground.check.Tolerance;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.reference.MatmulReference;
import dev.kernelplayground.reference.MatmulResult;
import org.junit.jupiter.api.Test;

/**
 * The row-major → column-major mapping of the cuBLAS call, checked with a plain column-major GEMM written
 * here exactly as cuBLAS defines it (C[i + j·ldc] = Σ A[i + p·lda]·B[p + j·ldb]) on the raw row-major
 * arrays, against the float64 reference.
 */
class GemmMappingTest {
  private static final long SEED = RandomInputs.newSeed();

  /** cuBLAS's gemm(N, N, m, n, k, 1, A, lda, B, ldb, 0, C, ldc) on column-major arrays, in float. */
  private static void columnMajorGemm(
      int m, int n, int k, float[] a, int lda, float[] b, int ldb, float[] c, int ldc) {
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < m; i++) {
        float sum = 0;
        for (int p = 0; p < k; p++) {
          sum += a[i + p * lda] * b[p + j * ldb];
        }
        c[i + j * ldc] = sum;
      }
    }
  }

  @Test
  void rowMajorProductAsCublasComputesIt() {
    int[][] shapes = {{37, 51, 19}, {1, 64, 3}, {45, 1, 70}, {33, 33, 1}};
    for (int[] s : shapes) {
      int m = s[0], n = s[1], k = s[2];
      float[] a = RandomInputs.uniform(m * k, SEED, "a");
      float[] b = RandomInputs.uniform(k * n, SEED, "b");
      GemmMapping g = GemmMapping.rowMajor(m, n, k);
      float[] first = g.first().equals("B") ? b : a;
      float[] second = g.second().equals("A") ? a : b;
      float[] c = new float[m * n];
      columnMajorGemm(g.rows(), g.cols(), g.inner(), first, g.ldFirst(), second, g.ldSecond(), c, g.ldResult());

      MatmulResult ref = MatmulReference.compute(a, b, m, n, k);
      var expected = Tolerance.matmul(ref, k, Arithmetic.FP32);
      for (int i = 0; i < c.length; i++) {
        assertEquals(expected.values()[i], c[i], expected.bounds()[i],
            "seed " + SEED + ", shape " + m + "×" + n + "×" + k + ", element " + i);
      }
    }
  }

  @Test
  void theRolesSwapAndNothingIsTransposed() {
    GemmMapping g = GemmMapping.rowMajor(3, 5, 7);
    assertEquals(new GemmMapping(5, 3, 7, "B", 5, "A", 7, 5), g);
  }

  @Test
  void sizesMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> GemmMapping.rowMajor(0, 5, 7));
  }
}
