package dev.kernelplayground.jcuda;

import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.bench.Timing;
import dev.kernelplayground.check.CheckReport;
import dev.kernelplayground.run.TrialResult;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One kernel at one size after the matrix ran it: its outcome (check, timing, re-check), or the error that
 * stopped it (a compile error, a refused module, a fault), in words.
 */
public record MatrixRow(MatrixEntry entry, int[] size, long seed, Outcome trial, String error) {
  /**
   * What a report needs of a trial, without its kernel case: the problem's inputs and float64 reference
   * stay with the case, so a matrix of hundred-megabyte rows keeps only kilobytes of each.
   */
  public record Outcome(Precision precision, CheckReport check, Timing timing, CheckReport recheck) {
    public static Outcome of(TrialResult r) {
      return new Outcome(r.kernelCase().precision(), r.check(), r.timing(), r.recheck());
    }

    /** Passed the first check and, if timed, the re-check after the benchmark loop too. */
    public boolean passed() {
      return check.passed() && (recheck == null || recheck.passed());
    }
  }

  /** A row that ran: its trial's outcome. */
  public static MatrixRow ran(MatrixEntry entry, int[] size, long seed, TrialResult trial) {
    return new MatrixRow(entry, size, seed, Outcome.of(trial), null);
  }

  /** A row stopped before its trial finished, and why. */
  public static MatrixRow stopped(MatrixEntry entry, int[] size, long seed, String error) {
    return new MatrixRow(entry, size, seed, null, error);
  }

  /** "4096×4096×4096" or "16,777,216". */
  public static String sizeLabel(int[] size) {
    if (size.length == 1) {
      return String.format("%,d", size[0]);
    }
    return Arrays.stream(size).mapToObj(Integer::toString).collect(Collectors.joining("×"));
  }

  public String sizeLabel() {
    return sizeLabel(size);
  }

  public boolean passed() {
    return error == null && trial != null && trial.passed();
  }

  /** Median seconds, or NaN when it was not timed. */
  public double medianSeconds() {
    return trial != null && trial.timing() != null ? trial.timing().median() : Double.NaN;
  }
}
