package dev.kernelplayground.run;

import dev.kernelplayground.bench.Timing;
import dev.kernelplayground.check.CheckReport;

/**
 * A checked and timed kernel: the check of its first run, its timing (null when it failed the check and
 * was not timed), and the re-check of the output left by the last timed run (null when not timed).
 */
public record TrialResult(KernelCase kernelCase, CheckReport check, Timing timing, CheckReport recheck) {
  /** Passed the first check and, if timed, the re-check after the benchmark loop too. */
  public boolean passed() {
    return check.passed() && (recheck == null || recheck.passed());
  }
}
