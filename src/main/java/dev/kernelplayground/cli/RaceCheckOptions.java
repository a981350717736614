package dev.kernelplayground.cli;

import dev.kernelplayground.emulator.Schedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The emulator's race-check options, --schedule and --no-sanitize, for every command that runs CUDA files on it.
 * Their help is in RaceCheckOptions.properties: worded for the command, under keys prefixed with its name.
 */
@Command(resourceBundle = "dev.kernelplayground.cli.RaceCheckOptions")
final class RaceCheckOptions {
  @Option(names = "--schedule", defaultValue = "forward", paramLabel = "forward|reverse|random[:SEED]",
      descriptionKey = "schedule")
  String schedule;

  @Option(names = "--no-sanitize", descriptionKey = "no-sanitize")
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
