package dev.kernelplayground.cli;

import dev.kernelplayground.emulator.Schedule;
import picocli.CommandLine.Option;

/** The emulator's race-check options, --schedule and --no-sanitize, for every command that runs CUDA files on it. */
final class RaceCheckOptions {
  @Option(names = "--schedule", defaultValue = "forward", paramLabel = "forward|reverse|random[:SEED]",
      description = "CUDA C on the emulator: the order the threads of a block run in between barriers; a result "
          + "that changes with it is a race. random prints its seed. Default: ${DEFAULT-VALUE}.")
  String schedule;

  @Option(names = "--no-sanitize",
      description = "CUDA C on the emulator: skip the shared-memory race and uninitialised-read checks, for speed "
          + "(bounds checks stay on).")
  boolean noSanitize;

  private Schedule parsedSchedule;

  /** The schedule asked for; {@code random} gets its seed here, once, so every launch and the report agree. */
  Schedule schedule() {
    if (parsedSchedule == null) {
      parsedSchedule = Schedule.parse(schedule);
    }
    return parsedSchedule;
  }
}
