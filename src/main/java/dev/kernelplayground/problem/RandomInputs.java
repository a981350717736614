package dev.kernelplayground.problem;

import java.util.SplittableRandom;

/** Seeded random inputs: uniform in [-1, 1), one independent stream per input name. */
public final class RandomInputs {
  private RandomInputs() {}

  public static float[] uniform(int n, long seed, String inputName) {
    SplittableRandom random = new SplittableRandom(seed ^ (inputName.hashCode() * 0x9E3779B97F4A7C15L));
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return values;
  }

  /** A fresh seed for a run whose seed the user did not choose; it is printed with the results. */
  public static long newSeed() {
    return new SplittableRandom().nextLong(1, 1_000_000_000L);
  }
}
