package dev.kernelplayground.check;

import dev.kernelplayground.device.ExecutionTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * The verdict on one kernel output: counts and sizes of errors, the first mismatches with their
 * coordinates, the traps that fired, the tile error map, and the diagnoses in plain words.
 *
 * @param kernel the kernel's name
 * @param seed the seed its random inputs were drawn from (to replay the run)
 * @param stage when the output was inspected: "first run", "after 20 timed runs"
 * @param target where the kernel really ran
 * @param layout the output's shape, for coordinates (the reference itself is not kept: a report outlives
 *     its run, and the reference of a large output weighs hundreds of megabytes)
 * @param rule the tolerance rule the reference's bounds follow, in words
 * @param failed elements that failed in any way
 * @param wrongValues elements further from the reference than their bound
 * @param neverWritten elements still holding the poison written before the run
 * @param nans elements that are NaN (other than the poison)
 * @param infinities elements that are ±Inf
 * @param maxAbsError the largest |out − ref| over finite written elements
 * @param maxRelError the largest |out − ref| / |ref| over finite written elements whose |ref| is at least
 *     10× their bound (below that the reference is cancellation noise)
 * @param worstRatio the largest |out − ref| / bound: below 1 everywhere means every element passed
 * @param firstMismatches up to five failing elements, in index order
 * @param allZeros true when the kernel wrote only zeros where the reference is not zero
 * @param inputChanges one line per input the kernel modified
 * @param edgeHint a hint when all failures sit in the partial tiles at the edge, or null
 * @param errorMap the output's tiles with their failures
 */
public record CheckReport(
    String kernel,
    long seed,
    String stage,
    ExecutionTarget target,
    OutputLayout layout,
    String rule,
    int failed,
    int wrongValues,
    int neverWritten,
    int nans,
    int infinities,
    double maxAbsError,
    double maxRelError,
    double worstRatio,
    List<Mismatch> firstMismatches,
    boolean allZeros,
    List<String> inputChanges,
    String edgeHint,
    TileErrorMap errorMap) {

  public boolean passed() {
    return failed == 0 && !allZeros && inputChanges.isEmpty();
  }

  public int elements() {
    return layout.size();
  }

  /** What went wrong, most telling first; empty when the check passed. */
  public List<String> findings() {
    List<String> findings = new ArrayList<>();
    for (String change : inputChanges) {
      findings.add("the kernel modified its input — " + change);
    }
    if (allZeros) {
      findings.add(
          "the output is all zeros although the reference is not: the kernel wrote zeros "
              + "(an early return, a wrong output pointer, or a result never stored)");
    }
    if (neverWritten > 0) {
      findings.add(
          count(neverWritten, "element")
              + " never written (still the poison NaN written before the run), first at "
              + firstOf(Mismatch.Kind.NEVER_WRITTEN));
    }
    if (nans > 0) {
      findings.add(count(nans, "element") + " NaN, first at " + firstOf(Mismatch.Kind.NAN));
    }
    if (infinities > 0) {
      findings.add(
          count(infinities, "element") + " infinite, first at " + firstOf(Mismatch.Kind.INFINITE));
    }
    if (wrongValues > 0 && !allZeros) {
      findings.add(
          String.format(
              "%s further from the reference than a correct kernel can be (worst: %.3g× its bound), first at %s",
              count(wrongValues, "element"), worstRatio, firstOf(Mismatch.Kind.WRONG_VALUE)));
    }
    if (edgeHint != null) {
      findings.add(edgeHint);
    }
    return findings;
  }

  private String firstOf(Mismatch.Kind kind) {
    return firstMismatches.stream()
        .filter(m -> m.kind() == kind)
        .map(Mismatch::where)
        .findFirst()
        .orElse("(beyond the first five mismatches)");
  }

  private static String count(int n, String noun) {
    return String.format("%,d %s%s", n, noun, n == 1 ? " is" : "s are");
  }
}
