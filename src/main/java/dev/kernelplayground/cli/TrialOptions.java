package dev.kernelplayground.cli;

import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.emulator.Schedule;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every command that checks and times kernels shares: the seed and the benchmark loop. */
final class TrialOptions {
  @Mixin SeedOption seed;

  @Option(names = "--repeats", defaultValue = "5", description = "Timed runs per kernel (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--warmups", defaultValue = "3", description = "Untimed warm-up runs per kernel (default: ${DEFAULT-VALUE}).")
  int warmups;

  @Option(names = "--schedule", defaultValue = "forward", paramLabel = "forward|reverse|random[:SEED]",
      description = "CUDA files on the emulator: the order the threads of a block run in between barriers; a result "
          + "that changes with it is a race. random prints its seed. Default: ${DEFAULT-VALUE}.")
  String schedule;

  @Option(names = "--no-sanitize", description = "CUDA files on the emulator: skip the shared-memory race and "
      + "uninitialised-read checks, for speed (bounds checks stay on).")
  boolean noSanitize;

  /** The schedule asked for; {@code random} gets its seed here, once, so every launch and the report agree. */
  Schedule schedule() {
    if (parsedSchedule == null) {
      parsedSchedule = Schedule.parse(schedule);
    }
    return parsedSchedule;
  }

  private Schedule parsedSchedule;

  /** The seed given, or a fresh one (which the reports print). */
  long seedOrNew() {
    return seed.seedOrNew();
  }

  BenchConfig bench() {
    return new BenchConfig(warmups, repeats);
  }
}
