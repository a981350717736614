package dev.kernelplayground.bench;

/**
 * How a kernel is timed: untimed warm-up runs (JIT, caches, clocks), then timed repeats, each preceded
 * by the cache flush when one is given.
 */
public record BenchConfig(int warmups, int repeats) {
  public static final BenchConfig DEFAULT = new BenchConfig(2, 10);

  public BenchConfig {
    if (warmups < 0 || repeats < 1) {
      throw new IllegalArgumentException(
          "benchmarks need warm-ups ≥ 0 and repeats ≥ 1, got " + warmups + " and " + repeats);
    }
  }
}
