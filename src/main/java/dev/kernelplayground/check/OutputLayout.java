package dev.kernelplayground.check;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * The shape of a kernel's output with a name for each axis, so an element can be reported as
 * "(row 3, col 17)" or "(batch 0, head 2, seq 15, dim 7)" instead of a flat index. Row-major: the last
 * axis varies fastest. For the tile heatmap the output is seen as a matrix whose columns are the last
 * axis and whose rows are all the other axes together.
 */
public final class OutputLayout {
  private final String[] axes;
  private final int[] dims;
  private final int size;

  private OutputLayout(String[] axes, int[] dims) {
    if (axes.length != dims.length || axes.length == 0) {
      throw new IllegalArgumentException("an output layout needs one name per axis");
    }
    long product = 1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] <= 0) {
        throw new IllegalArgumentException(
            "axis '" + axes[i] + "' must have a positive size, got " + dims[i]);
      }
      product *= dims[i];
      if (product > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            "an output of " + Arrays.toString(dims) + " elements is larger than a Java array can hold");
      }
    }
    this.axes = axes.clone();
    this.dims = dims.clone();
    this.size = (int) product;
  }

  public static OutputLayout vector(int n) {
    return new OutputLayout(new String[] {"i"}, new int[] {n});
  }

  public static OutputLayout matrix(int rows, int cols) {
    return new OutputLayout(new String[] {"row", "col"}, new int[] {rows, cols});
  }

  /** Alternating names and sizes: {@code of("batch", 2, "head", 4, "seq", 128, "dim", 64)}. */
  public static OutputLayout of(Object... namesAndSizes) {
    if (namesAndSizes.length % 2 != 0) {
      throw new IllegalArgumentException("give a size after each axis name");
    }
    String[] names = new String[namesAndSizes.length / 2];
    int[] sizes = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = (String) namesAndSizes[2 * i];
      sizes[i] = (Integer) namesAndSizes[2 * i + 1];
    }
    return new OutputLayout(names, sizes);
  }

  public int size() {
    return size;
  }

  public int rank() {
    return dims.length;
  }

  public int dim(int axis) {
    return dims[axis];
  }

  /** Columns of the matrix view: the last axis. */
  public int cols() {
    return dims[dims.length - 1];
  }

  /** Rows of the matrix view: all axes but the last. */
  public int rows() {
    return size / cols();
  }

  public int[] coordinates(int index) {
    int[] c = new int[dims.length];
    for (int axis = dims.length - 1; axis >= 0; axis--) {
      c[axis] = index % dims[axis];
      index /= dims[axis];
    }
    return c;
  }

  /** The element at {@code index} in words: "(row 3, col 17)". */
  public String describe(int index) {
    int[] c = coordinates(index);
    StringJoiner joined = new StringJoiner(", ", "(", ")");
    for (int axis = 0; axis < c.length; axis++) {
      joined.add(axes[axis] + " " + c[axis]);
    }
    return joined.toString();
  }

  /** The shape in words: "1000 × 777 (row × col)". */
  @Override
  public String toString() {
    StringJoiner sizes = new StringJoiner(" × ");
    StringJoiner names = new StringJoiner(" × ");
    for (int axis = 0; axis < dims.length; axis++) {
      sizes.add(Integer.toString(dims[axis]));
      names.add(axes[axis]);
    }
    return sizes + " (" + names + ")";
  }
}
