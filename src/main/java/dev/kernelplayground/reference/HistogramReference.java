package dev.kernelplayground.reference;

/** Counts of the values of x, each a whole number that names its bin, 0 ≤ x_i < bins. */
public final class HistogramReference {
  private HistogramReference() {}

  public static double[] compute(float[] x, int bins) {
    Inputs.requirePositive("bins", bins);
    double[] counts = new double[bins];
    for (int i = 0; i < x.length; i++) {
      float v = x[i];
      if (!(v >= 0 && v < bins && v == Math.rint(v))) {
        throw new IllegalArgumentException("x[" + i + "] = " + v + " names no bin: values are whole numbers from 0 to " + (bins - 1));
      }
      counts[(int) v]++;
    }
    return counts;
  }
}
