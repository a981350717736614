package dev.kernelplayground.reference;

/**
 * Float64 references for element-wise vector kernels on float inputs: the sum of two vectors and a copy.
 * The sum of two floats is computed in double, where it is exact unless their exponents differ by more than
 * about 29.
 */
public final class VectorReference {
  private VectorReference() {}

  /** {@code a[i] + b[i]} in double; both vectors must have the same, positive length. */
  public static double[] add(float[] a, float[] b) {
    requireVector("a", a);
    Inputs.requireLength("b", b, "length of a", a.length);
    Inputs.requireFinite("a", a, Inputs.VECTOR_AXES, a.length);
    Inputs.requireFinite("b", b, Inputs.VECTOR_AXES, b.length);
    double[] sum = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      sum[i] = (double) a[i] + b[i];
    }
    return sum;
  }

  /** {@code x} widened to double (what a copy kernel must reproduce exactly). */
  public static double[] copy(float[] x) {
    requireVector("x", x);
    Inputs.requireFinite("x", x, Inputs.VECTOR_AXES, x.length);
    double[] copy = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      copy[i] = x[i];
    }
    return copy;
  }

  private static void requireVector(String name, float[] x) {
    if (x == null) {
      throw new NullPointerException(name + " must not be null");
    }
    if (x.length == 0) {
      throw new IllegalArgumentException(name + " has 0 elements but a vector must have at least 1");
    }
  }
}
