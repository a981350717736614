package dev.kernelplayground.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SoftmaxReferenceTest {
  /** The textbook formula without the max shift; fine for inputs of moderate size. */
  private static double[] naive(float[] x, int rows, int cols) {
    double[] y = new double[x.length];
    for (int r = 0; r < rows; r++) {
      double sum = 0;
      for (int c = 0; c < cols; c++) {
        sum += Math.exp(x[r * cols + c]);
      }
      for (int c = 0; c < cols; c++) {
        y[r * cols + c] = Math.exp(x[r * cols + c]) / sum;
      }
    }
    return y;
  }

  @ParameterizedTest(name = "{0}×{1} seed {2}")
  @CsvSource({"1, 1, 1", "1, 7, 2", "3, 5, 3", "17, 129, 4", "64, 1000, 5", "1025, 77, 6", "300, 300, 7"})
  void matchesTextbookFormulaAndRowsSumToOne(int rows, int cols, long seed) {
    float[] x = TestData.gaussian(new Random(seed), rows * cols, 3);
    double[] y = SoftmaxReference.rows(x, rows, cols);
    String context = rows + "×" + cols + ", seed " + seed;
    TestData.assertClose(naive(x, rows, cols), y, 1e-13, 1e-300, context);
    for (int r = 0; r < rows; r++) {
      double sum = 0;
      for (int c = 0; c < cols; c++) {
        sum += y[r * cols + c];
      }
      assertEquals(1.0, sum, 1e-13, context + ", row " + r);
    }
  }

  @Test
  void hugeOppositeValuesDoNotOverflow() {
    double[] y = SoftmaxReference.rows(new float[] {1000, -1000}, 1, 2);
    assertEquals(1.0, y[0]);
    assertEquals(0.0, y[1]);
  }

  @Test
  void equalValuesGiveUniformRows() {
    float[] x = {1000, 1000, 1000, 1000, -5, -5, -5, -5, 0, 0, 0, 0};
    double[] y = SoftmaxReference.rows(x, 3, 4);
    for (double value : y) {
      assertEquals(0.25, value);
    }
  }

  @Test
  void rowsAreIndependent() {
    double[] y = SoftmaxReference.rows(new float[] {0, (float) Math.log(3), 80, 80}, 2, 2);
    assertEquals(0.25, y[0], 1e-7);
    assertEquals(0.75, y[1], 1e-7);
    assertEquals(0.5, y[2]);
    assertEquals(0.5, y[3]);
  }

  @Test
  void badInputsAreReported() {
    var e = assertThrows(IllegalArgumentException.class, () -> SoftmaxReference.rows(new float[5], 2, 3));
    assertEquals("x has 5 elements but rows×cols = 2×3 = 6", e.getMessage());
    float[] x = new float[6];
    x[5] = Float.NaN;
    e = assertThrows(IllegalArgumentException.class, () -> SoftmaxReference.rows(x, 2, 3));
    assertEquals("input x holds NaN at (row 1, col 2); the reference is undefined for non-finite inputs",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SoftmaxReference.rows(new float[0], 0, 3));
    assertEquals("rows must be positive but is 0", e.getMessage());
  }
}
