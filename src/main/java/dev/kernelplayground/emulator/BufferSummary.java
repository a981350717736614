package dev.kernelplayground.emulator;

import dev.kernelplayground.cudasource.KernelArg;
import dev.kernelplayground.reference.LowPrecision;
import java.util.Locale;

/**
 * What a launch left in an out or in-out buffer, in one line: its first values and, for floats (which start
 * as NaN), how many elements the kernel never wrote. Shown by {@code kp emulate} and by ad-hoc launches.
 */
public final class BufferSummary {
  /** How many values are shown. */
  public static final int SHOWN = 8;

  private BufferSummary() {}

  /** E.g. {@code [0.732, -1.26, ...]; 12 of 100 elements are NaN (never written?)}. */
  public static String of(KernelArg.Buffer b) {
    StringBuilder first = new StringBuilder();
    int nans = 0;
    switch (b.values()) {
      case float[] f -> {
        for (int i = 0; i < f.length; i++) {
          nans += Float.isNaN(f[i]) ? 1 : 0;
          if (i < SHOWN) {
            first.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6g", f[i]));
          }
        }
      }
      case int[] v -> {
        for (int i = 0; i < Math.min(SHOWN, v.length); i++) {
          first.append(i == 0 ? "" : ", ").append(v[i]);
        }
      }
      case short[] h -> {
        for (int i = 0; i < Math.min(SHOWN, h.length); i++) {
          first.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4g",
              LowPrecision.fromHalfBits(h[i] & 0xffff)));
        }
      }
      default -> throw new IllegalArgumentException("no summary for a buffer of " + b.values().getClass());
    }
    return "[" + first + (b.elements() > SHOWN ? ", ..." : "") + "]"
        + (nans > 0 ? "; " + nans + " of " + b.elements() + " elements are NaN (never written?)" : "");
  }
}
