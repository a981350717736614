package dev.kernelplayground.cli;

import dev.kernelplayground.problem.RandomInputs;
import picocli.CommandLine.Option;

/** {@code --seed}: the seed of the random inputs, declared once for every command that draws them. */
final class SeedOption {
  @Option(names = "--seed", paramLabel = "N", description = "Seed for the random inputs (default: a new one, printed).")
  Long seed;

  /** The seed given, or a fresh one (which the reports print). */
  long seedOrNew() {
    return seed != null ? seed : RandomInputs.newSeed();
  }
}
