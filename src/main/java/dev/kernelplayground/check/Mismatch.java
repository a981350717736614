package dev.kernelplayground.check;

/**
 * One output element that failed its check.
 *
 * @param index flat row-major index
 * @param where the element's coordinates in words, e.g. "(row 3, col 17)"
 * @param kind what went wrong with it
 * @param actual the value the kernel left there
 * @param expected the float64 reference value
 * @param bound the largest error a correct kernel could make there
 */
public record Mismatch(
    int index, String where, Kind kind, float actual, double expected, double bound) {

  /** What went wrong with one element. */
  public enum Kind {
    WRONG_VALUE,
    NEVER_WRITTEN,
    NAN,
    INFINITE
  }

  public double absError() {
    return Math.abs(actual - expected);
  }

  /** One line for reports. */
  public String describe() {
    return switch (kind) {
      case NEVER_WRITTEN -> String.format("%s never written (still poison)", where);
      case NAN -> String.format("%s is NaN, expected %.6g", where, expected);
      case INFINITE -> String.format("%s is %s, expected %.6g", where, actual, expected);
      case WRONG_VALUE ->
          String.format(
              "%s = %.7g, expected %.7g (error %.3g, allowed %.3g)",
              where, actual, expected, absError(), bound);
    };
  }
}
