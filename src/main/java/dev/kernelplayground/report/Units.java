package dev.kernelplayground.report;

/** Numbers with their units, as the reports print them. */
public final class Units {
  private Units() {}

  /** A duration in s, ms, µs or ns with three significant digits. */
  public static String seconds(double s) {
    if (s >= 1) {
      return String.format("%.3g s", s);
    }
    if (s >= 1e-3) {
      return String.format("%.3g ms", s * 1e3);
    }
    if (s >= 1e-6) {
      return String.format("%.3g µs", s * 1e6);
    }
    return String.format("%.3g ns", s * 1e9);
  }

  /** An error size: 0, or three significant digits in scientific notation. */
  public static String error(double e) {
    return e == 0 ? "0" : String.format("%.3g", e);
  }

  /** A throughput in G{unit}/s, or T{unit}/s past 1000 G. */
  public static String rate(double perSecond, String unit) {
    double g = perSecond * 1e-9;
    return g >= 1000 ? String.format("%.3g T%s/s", g / 1000, unit) : String.format("%.3g G%s/s", g, unit);
  }

  /** A memory size in binary units: 512 KiB, 23.5 GiB. */
  public static String bytes(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return value == Math.rint(value) ? String.format("%.0f %s", value, units[unit]) : String.format("%.3g %s", value, units[unit]);
  }
}
