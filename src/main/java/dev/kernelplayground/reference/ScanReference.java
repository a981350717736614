package dev.kernelplayground.reference;

/**
 * Float64 reference for the inclusive prefix sum (scan) of n floats: out[i] = x[0] + x[1] + ... + x[i]. The
 * exclusive scan is the same shifted right by one, with 0 first.
 */
public final class ScanReference {
  private ScanReference() {}

  /** The inclusive scan in double, and Σ_{j≤i} |x[j]| for each i. */
  public static SumsResult inclusive(float[] x) {
    Inputs.requireLength("x", x, "n", x.length);
    Inputs.requireFinite("x", x, Inputs.VECTOR_AXES, x.length);
    double[] sums = new double[x.length];
    double[] absSums = new double[x.length];
    double sum = 0;
    double absSum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += x[i];
      absSum += Math.abs(x[i]);
      sums[i] = sum;
      absSums[i] = absSum;
    }
    return new SumsResult(sums, absSums);
  }
}
