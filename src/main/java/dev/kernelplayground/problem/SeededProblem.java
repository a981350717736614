package dev.kernelplayground.problem;

import dev.kernelplayground.check.Expected;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every problem shares: its seed, its named random inputs drawn from it, and its reference, computed
 * once on first use.
 */
abstract class SeededProblem implements Problem {
  private final long seed;
  private final Map<String, float[]> inputs = new LinkedHashMap<>();
  private Expected expected;

  SeededProblem(long seed) {
    this.seed = seed;
  }

  /** Draws a uniform random input of n elements and adds it under its name. */
  final float[] addInput(String name, int n) {
    float[] values = RandomInputs.uniform(n, seed, name);
    inputs.put(name, values);
    return values;
  }

  /** The reference output with its bounds; called once. */
  abstract Expected computeExpected();

  @Override
  public final long seed() {
    return seed;
  }

  @Override
  public final Map<String, float[]> inputs() {
    return Collections.unmodifiableMap(inputs);
  }

  @Override
  public final synchronized Expected expected() {
    if (expected == null) {
      expected = computeExpected();
    }
    return expected;
  }
}
