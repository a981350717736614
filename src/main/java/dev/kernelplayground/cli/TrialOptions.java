package dev.kernelplayground.cli;

import dev.kernelplayground.bench.BenchConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every command that checks and times kernels shares: the seed and the benchmark loop. */
final class TrialOptions {
  @Mixin SeedOption seed;

  @Option(names = "--repeats", defaultValue = "5", description = "Timed runs per kernel (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--warmups", defaultValue = "3", description = "Untimed warm-up runs per kernel (default: ${DEFAULT-VALUE}).")
  int warmups;

  @Mixin RaceCheckOptions raceCheck;

  /** The seed given, or a fresh one (which the reports print). */
  long seedOrNew() {
    return seed.seedOrNew();
  }

  BenchConfig bench() {
    return new BenchConfig(warmups, repeats);
  }
}
