package dev.kernelplayground.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatmulReferenceTest {
  /** The obvious triple loop, summing in order of k. */
  private static double[][] naive(float[] a, float[] b, int m, int n, int k) {
    double[] values = new double[m * n];
    double[] absSum = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        double abs = 0;
        for (int p = 0; p < k; p++) {
          double product = (double) a[i * k + p] * b[p * n + j];
          sum += product;
          abs += Math.abs(product);
        }
        values[i * n + j] = sum;
        absSum[i * n + j] = abs;
      }
    }
    return new double[][] {values, absSum};
  }

  /** Both sums are in double, in different orders: they may differ by about k·2^-53·absSum. */
  private static void assertMatchesNaive(int m, int n, int k, long seed) {
    Random random = new Random(seed);
    float[] a = TestData.uniform(random, m * k);
    float[] b = TestData.uniform(random, k * n);
    MatmulResult result = MatmulReference.compute(a, b, m, n, k);
    double[][] expected = naive(a, b, m, n, k);
    String context = m + "×" + n + "×" + k + ", seed " + seed;
    assertEquals(m, result.m(), context);
    assertEquals(n, result.n(), context);
    double[] tolerance = new double[m * n];
    for (int i = 0; i < tolerance.length; i++) {
      tolerance[i] = 2 * k * 0x1p-53 * expected[1][i];
    }
    TestData.assertClose(expected[0], result.values(), tolerance, context + ", values");
    TestData.assertClose(expected[1], result.absSum(), tolerance, context + ", absSum");
  }

  @ParameterizedTest(name = "{0}×{1}×{2} seed {3}")
  @CsvSource({
      "1, 1, 1, 1",
      "1, 1, 1, 2",
      "1, 300, 7, 3",
      "300, 1, 5, 4",
      "1, 1, 1000, 5",
      "2, 3, 4, 6",
      "127, 129, 131, 7",
      "127, 129, 131, 8",
      "127, 129, 131, 9",
      "64, 256, 128, 10",
      "65, 257, 129, 11",
      "33, 513, 255, 12",
      "1823, 781, 129, 13",
  })
  void matchesTripleLoop(int m, int n, int k, long seed) {
    assertMatchesNaive(m, n, k, seed);
  }

  @Test
  void smallIntegerProductIsExact() {
    float[] a = {1, 2, 3, 4, 5, 6}; // 2×3
    float[] b = {7, -8, 9, 10, -11, 12}; // 3×2
    MatmulResult r = MatmulReference.compute(a, b, 2, 2, 3);
    assertEquals(1 * 7 + 2 * 9 + 3 * -11, r.valueAt(0, 0));
    assertEquals(1 * -8 + 2 * 10 + 3 * 12, r.valueAt(0, 1));
    assertEquals(4 * 7 + 5 * 9 + 6 * -11, r.valueAt(1, 0));
    assertEquals(4 * -8 + 5 * 10 + 6 * 12, r.valueAt(1, 1));
    assertEquals(1 * 7 + 2 * 9 + 3 * 11, r.absSumAt(0, 0));
    assertEquals(4 * 8 + 5 * 10 + 6 * 12, r.absSumAt(1, 1));
  }

  @Test
  void cancellationKeepsAbsSumLarge() {
    float[] a = {1e8f, 1, -1e8f}; // 1×3
    float[] b = {1, 1, 1}; // 3×1
    MatmulResult r = MatmulReference.compute(a, b, 1, 1, 3);
    assertEquals(1.0, r.valueAt(0, 0)); // a float32 kernel summing left to right would give 0
    assertEquals(2e8 + 1, r.absSumAt(0, 0));
  }

  @Test
  void wrongLengthOfAIsReported() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> MatmulReference.compute(new float[1000], new float[33 * 5], 31, 5, 33));
    assertEquals("a has 1000 elements but m×k = 31×33 = 1023", e.getMessage());
  }

  @Test
  void wrongLengthOfBIsReported() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> MatmulReference.compute(new float[6], new float[7], 2, 2, 3));
    assertEquals("b has 7 elements but k×n = 3×2 = 6", e.getMessage());
  }

  @Test
  void nonPositiveDimensionIsReported() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> MatmulReference.compute(new float[0], new float[0], 0, 2, 3));
    assertEquals("m must be positive but is 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> MatmulReference.compute(new float[1], new float[1], 1, -1, 1));
    assertEquals("n must be positive but is -1", e.getMessage());
  }

  @Test
  void outputThatCannotBeOneArrayIsReportedBeforeAllocating() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> MatmulReference.compute(new float[100_000], new float[100_000], 100_000, 100_000, 1));
    assertEquals("m×n = 100000×100000 = 10000000000 overflows int (max 2147483647); "
        + "a tensor that large cannot be held in one Java array", e.getMessage());
  }

  @Test
  void nanInBIsLocated() {
    float[] a = new float[4 * 5];
    float[] b = new float[5 * 20];
    b[3 * 20 + 17] = Float.NaN;
    var e = assertThrows(IllegalArgumentException.class, () -> MatmulReference.compute(a, b, 4, 20, 5));
    assertEquals("input b holds NaN at (row 3, col 17); the reference is undefined for non-finite inputs",
        e.getMessage());
  }

  @Test
  void infinityInAIsLocated() {
    float[] a = new float[4 * 5];
    a[2 * 5 + 4] = Float.NEGATIVE_INFINITY;
    var e = assertThrows(IllegalArgumentException.class,
        () -> MatmulReference.compute(a, new float[5 * 3], 4, 3, 5));
    assertEquals("input a holds -Inf at (row 2, col 4); the reference is undefined for non-finite inputs",
        e.getMessage());
  }

  @Test
  void runsInsideCommonPoolTasksWithoutDeadlock() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      Random random = new Random(99);
      int m = 96;
      int n = 300;
      int k = 70;
      float[] a = TestData.uniform(random, m * k);
      float[] b = TestData.uniform(random, k * n);
      double[] expected = MatmulReference.compute(a, b, m, n, k).values();
      List<ForkJoinTask<double[]>> tasks = new ArrayList<>();
      for (int t = 0; t < 2 * ForkJoinPool.getCommonPoolParallelism() + 3; t++) {
        tasks.add(ForkJoinPool.commonPool().submit(() -> MatmulReference.compute(a, b, m, n, k).values()));
      }
      for (ForkJoinTask<double[]> task : tasks) {
        // the tiling is fixed by the shape, so every run sums in the same order
        assertArrayEquals(expected, task.join());
      }
    });
  }
}
