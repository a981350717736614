package dev.kernelplayground.cli;

import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.problem.RandomInputs;
import picocli.CommandLine.Option;

/** The options every command that checks and times kernels shares: the seed and the benchmark loop. */
final class TrialOptions {
  @Option(names = "--seed", description = "Seed for the random inputs (default: a new one, printed).")
  Long seed;

  @Option(names = "--repeats", defaultValue = "5", description = "Timed runs per kernel (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--warmups", defaultValue = "2", description = "Untimed warm-up runs per kernel (default: ${DEFAULT-VALUE}).")
  int warmups;

  /** The seed given, or a fresh one (which the reports print). */
  long seedOrNew() {
    return seed != null ? seed : RandomInputs.newSeed();
  }

  BenchConfig bench() {
    return new BenchConfig(warmups, repeats);
  }
}
