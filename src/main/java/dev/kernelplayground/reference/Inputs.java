package dev.kernelplayground.reference;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Argument validation shared by every reference: positive dimensions, element counts that fit in one Java
 * array, array lengths that match the dimensions, and finite inputs.
 *
 * <p>Every failure is an {@link IllegalArgumentException} whose message names the argument, for example
 * {@code "a has 1000 elements but m×k = 31×33 = 1023"} or {@code "input b holds NaN at (row 3, col 17); the
 * reference is undefined for non-finite inputs"}. A {@code null} array is a {@link NullPointerException}
 * naming the argument.
 */
public final class Inputs {
  /** Axis names of a row-major matrix. */
  static final String[] MATRIX_AXES = {"row", "col"};

  /** Axis name of a vector. */
  static final String[] VECTOR_AXES = {"index"};

  private Inputs() {}

  /** Throws unless {@code value > 0}. */
  public static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive but is " + value);
    }
  }

  /**
   * The product of {@code dims} (all positive), named {@code label} in messages (e.g. {@code "m×k"}); throws
   * when the product does not fit in an {@code int}, since such a tensor cannot be one Java array.
   */
  public static int elementCount(String label, int... dims) {
    long product = 1;
    for (int dim : dims) {
      requirePositive("every dimension of " + label, dim);
      product *= dim; // stays below 2^62: each factor < 2^31 and we stop once past 2^31
      if (product > Integer.MAX_VALUE) {
        BigInteger exact = BigInteger.ONE;
        for (int d : dims) {
          exact = exact.multiply(BigInteger.valueOf(d));
        }
        throw new IllegalArgumentException(
            label + " = " + times(dims) + " = " + exact + " overflows int (max " + Integer.MAX_VALUE
                + "); a tensor that large cannot be held in one Java array");
      }
    }
    return (int) product;
  }

  /**
   * Throws unless {@code x} has exactly as many elements as the product of {@code dims}, which the message
   * calls {@code label}: {@code "a has 1000 elements but m×k = 31×33 = 1023"}.
   */
  public static void requireLength(String name, float[] x, String label, int... dims) {
    Objects.requireNonNull(x, () -> name + " must not be null");
    int expected = elementCount(label, dims);
    if (x.length != expected) {
      String product = dims.length == 1 ? "" : " = " + expected;
      throw new IllegalArgumentException(
          name + " has " + x.length + " elements but " + label + " = " + times(dims) + product);
    }
  }

  /**
   * Throws at the first NaN or infinity of {@code x} (row-major over {@code dims}), naming its coordinates
   * with {@code axes}: {@code "input b holds NaN at (row 3, col 17); ..."}. The length must already match.
   */
  public static void requireFinite(String name, float[] x, String[] axes, int... dims) {
    if (axes.length != dims.length) {
      throw new IllegalArgumentException(axes.length + " axis names for " + dims.length + " dimensions");
    }
    for (int i = 0; i < x.length; i++) {
      if (!Float.isFinite(x[i])) {
        throw new IllegalArgumentException(
            "input " + name + " holds " + describe(x[i]) + " at (" + coordinates(i, axes, dims)
                + "); the reference is undefined for non-finite inputs");
      }
    }
  }

  /** Length and finiteness of a row-major {@code rows×cols} matrix whose dimensions are named as given. */
  /** Refuses sizes that are not positive, then an {@code x} that is not {@code rows×cols} floats. */
  public static void requireRowsByCols(float[] x, int rows, int cols) {
    requirePositive("rows", rows);
    requirePositive("cols", cols);
    requireMatrix("x", x, "rows", rows, "cols", cols);
  }

  public static void requireMatrix(
      String name, float[] x, String rowsName, int rows, String colsName, int cols) {
    requireLength(name, x, rowsName + "×" + colsName, rows, cols);
    requireFinite(name, x, MATRIX_AXES, rows, cols);
  }

  private static String describe(float value) {
    if (Float.isNaN(value)) {
      return "NaN";
    }
    return value > 0 ? "+Inf" : "-Inf";
  }

  private static String coordinates(int flatIndex, String[] axes, int[] dims) {
    int[] coords = new int[dims.length];
    int rest = flatIndex;
    for (int axis = dims.length - 1; axis >= 0; axis--) {
      coords[axis] = rest % dims[axis];
      rest /= dims[axis];
    }
    StringBuilder text = new StringBuilder();
    for (int axis = 0; axis < dims.length; axis++) {
      if (axis > 0) {
        text.append(", ");
      }
      text.append(axes[axis]).append(' ').append(coords[axis]);
    }
    return text.toString();
  }

  private static String times(int[] dims) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < dims.length; i++) {
      if (i > 0) {
        text.append('×');
      }
      text.append(dims[i]);
    }
    return text.toString();
  }
}
