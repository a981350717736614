package dev.kernelplayground.ada;

import java.util.Locale;

/** Number formatting shared by the explanations in this package. */
final class Numbers {
  private Numbers() {}

  /** 73728 → "73,728". */
  static String n(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** Block-count limit, where {@link Integer#MAX_VALUE} means "no limit". */
  static String blocks(int value) {
    return value == Integer.MAX_VALUE ? "unlimited" : n(value);
  }

  /** 66.666 → "66.7". */
  static String percent(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
