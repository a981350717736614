package dev.kernelplayground.jcuda;

import dev.kernelplayground.run.TrialResult;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One kernel at one size after the matrix ran it: its trial (check, timing, re-check), or the error that
 * stopped it (a compile error, a refused module, a fault), in words.
 */
public record MatrixRow(MatrixEntry entry, int[] size, long seed, TrialResult trial, String error) {
  /** "4096×4096×4096" or "16,777,216". */
  public String sizeLabel() {
    if (size.length == 1) {
      return String.format("%,d", size[0]);
    }
    return Arrays.stream(size).mapToObj(Integer::toString).collect(Collectors.joining("×"));
  }

  public boolean passed() {
    return error == null && trial != null && trial.passed();
  }

  /** Median seconds, or NaN when it was not timed. */
  public double medianSeconds() {
    return trial != null && trial.timing() != null ? trial.timing().median() : Double.NaN;
  }
}
