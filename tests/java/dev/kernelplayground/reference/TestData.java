package dev.kernelplayground.reference;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

/** Seeded random tensors and element-wise comparisons that name the seed and index on failure. */
final class TestData {
  private TestData() {}

  /** {@code count} floats uniform in [-1, 1) from {@code random}. */
  static float[] uniform(Random random, int count) {
    float[] x = new float[count];
    for (int i = 0; i < count; i++) {
      x[i] = random.nextFloat() * 2 - 1;
    }
    return x;
  }

  /** {@code count} floats, normally distributed with the given standard deviation. */
  static float[] gaussian(Random random, int count, double stdDev) {
    float[] x = new float[count];
    for (int i = 0; i < count; i++) {
      x[i] = (float) (random.nextGaussian() * stdDev);
    }
    return x;
  }

  /** Fails at the first index where {@code |expected - actual| > tolerance[i]}, naming the context. */
  static void assertClose(double[] expected, double[] actual, double[] tolerance, String context) {
    if (expected.length != actual.length) {
      fail(context + ": expected " + expected.length + " elements but got " + actual.length);
    }
    for (int i = 0; i < expected.length; i++) {
      if (!(Math.abs(expected[i] - actual[i]) <= tolerance[i])) {
        fail(context + ": element " + i + " is " + actual[i] + " but expected " + expected[i]
            + " (tolerance " + tolerance[i] + ")");
      }
    }
  }

  /** {@link #assertClose} with a tolerance of {@code relative·|expected[i]| + absolute}. */
  static void assertClose(double[] expected, double[] actual, double relative, double absolute,
      String context) {
    double[] tolerance = new double[expected.length];
    for (int i = 0; i < expected.length; i++) {
      tolerance[i] = relative * Math.abs(expected[i]) + absolute;
    }
    assertClose(expected, actual, tolerance, context);
  }
}
