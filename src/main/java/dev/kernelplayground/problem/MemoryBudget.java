package dev.kernelplayground.problem;

/** Refuses a problem that cannot fit in this JVM's heap before any array is allocated. */
public final class MemoryBudget {
  private MemoryBudget() {}

  /**
   * @param what the problem in words, for the message
   * @param bytes an estimate of the bytes its inputs, output, reference and checker need together
   */
  public static void require(String what, double bytes) {
    Runtime runtime = Runtime.getRuntime();
    long available = available(runtime);
    if (bytes > available) {
      // the heap counts the last problem's unreachable arrays as used until a collection: collect before refusing
      // (on an H200 a 2.4 GB problem was refused with 2.2 GB "free" of 17.2 GB, every earlier row long finished)
      System.gc();
      available = available(runtime);
    }
    if (bytes > available) {
      throw new IllegalArgumentException(
          String.format(
              "%s needs about %s of memory but this JVM has %s free (of %s): choose a smaller size, "
                  + "or give Java more with KP_JAVA_OPTS=-Xmx...",
              what, human(bytes), human(available), human(runtime.maxMemory())));
    }
  }

  private static long available(Runtime runtime) {
    return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
  }

  /**
   * Rejects sizes that are not positive or too many for a Java array, then a problem of {@code bytesPerElement}
   * per element of that product that does not fit.
   */
  static void requireElements(String what, double bytesPerElement, long... dims) {
    long n = elements(what, dims);
    require(what, bytesPerElement * n);
  }

  /** Rejects sizes that are not positive or whose element count does not fit a Java array. */
  public static int elements(String what, long... dims) {
    long product = 1;
    for (long d : dims) {
      if (d <= 0) {
        throw new IllegalArgumentException(what + ": every size must be positive, got " + d);
      }
      product *= d;
      if (product > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            what + ": " + product + "+ elements is more than a Java array can hold (2^31)");
      }
    }
    return (int) product;
  }

  static String human(double bytes) {
    String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
    int unit = 0;
    while (bytes >= 1000 && unit < units.length - 1) {
      bytes /= 1000;
      unit++;
    }
    return String.format("%.1f %s", bytes, units[unit]);
  }
}
