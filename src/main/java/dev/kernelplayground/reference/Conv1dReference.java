package dev.kernelplayground.reference;

/**
 * Float64 reference for a 1-D convolution of n floats with a centred filter of an odd width 2·r + 1 (as deep
 * learning writes it, without flipping the filter): out[i] = Σ_{j=0}^{width−1} w[j]·x[i + j − r], where x is
 * 0 outside 0..n−1 (zero padding: out has n elements).
 */
public final class Conv1dReference {
  private Conv1dReference() {}

  /** The convolution in double, and Σ_j |w[j]·x[i + j − r]| for each output. */
  public static SumsResult compute(float[] x, float[] w) {
    Inputs.requireLength("x", x, "n", x.length);
    requireOddWidth(w.length);
    Inputs.requireFinite("x", x, Inputs.VECTOR_AXES, x.length);
    Inputs.requireFinite("w", w, Inputs.VECTOR_AXES, w.length);
    int r = w.length / 2;
    double[] values = new double[x.length];
    double[] absSums = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double sum = 0;
      double absSum = 0;
      for (int j = Math.max(0, r - i); j < w.length && i + j - r < x.length; j++) {
        double term = (double) w[j] * x[i + j - r];
        sum += term;
        absSum += Math.abs(term);
      }
      values[i] = sum;
      absSums[i] = absSum;
    }
    return new SumsResult(values, absSums);
  }

  /** Refuses a filter without a centre: the width must be odd, 2·r + 1. */
  public static void requireOddWidth(int width) {
    if (width < 1 || width % 2 == 0) {
      throw new IllegalArgumentException(
          "a conv1d filter's width must be odd (a centre tap and r on each side: 2·r + 1), got " + width);
    }
  }
}
