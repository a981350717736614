package dev.kernelplayground.report;

import dev.kernelplayground.check.CheckReport;
import dev.kernelplayground.check.Mismatch;

/** A check report as text for the terminal and notebooks. */
public final class CheckText {
  private CheckText() {}

  /** One line: the verdict with its key figures. */
  public static String summary(CheckReport r) {
    String verdict = r.passed() ? "PASS" : "FAIL";
    String worst =
        Double.isFinite(r.worstRatio())
            ? String.format("worst %.2g× its bound", r.worstRatio())
            : "worst: NaN, ±Inf or never written";
    return String.format(
        "%s  %s: %,d of %,d elements off; max abs error %s, max rel error %s, %s",
        verdict,
        r.stage(),
        r.failed(),
        r.elements(),
        Units.error(r.maxAbsError()),
        Units.error(r.maxRelError()),
        worst);
  }

  /** The full report: summary, where it ran, the rule, and on failure the findings, mismatches and map. */
  public static String full(CheckReport r) {
    StringBuilder text = new StringBuilder();
    String nl = System.lineSeparator();
    text.append(String.format("check %s · seed %d · ran on %s%n", r.kernel(), r.seed(), r.target().label()));
    text.append("  ").append(summary(r)).append(nl);
    text.append("  tolerance: ").append(r.rule()).append(nl);
    if (r.passed()) {
      return text.toString();
    }
    for (String finding : r.findings()) {
      text.append("  - ").append(finding).append(nl);
    }
    if (!r.firstMismatches().isEmpty()) {
      text.append("  first mismatches:").append(nl);
      for (Mismatch m : r.firstMismatches()) {
        text.append("    ").append(m.describe()).append(nl);
      }
    }
    if (r.failed() > 0) {
      for (String line : r.errorMap().toText().split("\\R")) {
        text.append("  ").append(line).append(nl);
      }
    }
    return text.toString();
  }
}
