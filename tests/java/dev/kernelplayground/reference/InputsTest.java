package dev.kernelplayground.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InputsTest {
  @Test
  void lengthMismatchNamesArgumentDimensionsAndProduct() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Inputs.requireLength("a", new float[1000], "m×k", 31, 33));
    assertEquals("a has 1000 elements but m×k = 31×33 = 1023", e.getMessage());
  }

  @Test
  void oneDimensionalLengthMismatchHasNoRepeatedProduct() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Inputs.requireLength("b", new float[5], "length of a", 6));
    assertEquals("b has 5 elements but length of a = 6", e.getMessage());
  }

  @Test
  void nonPositiveDimensionIsNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> Inputs.requirePositive("k", 0));
    assertEquals("k must be positive but is 0", e.getMessage());
  }

  @Test
  void overflowingProductIsReportedWithItsExactValue() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Inputs.elementCount("m×k", 100_000, 100_000));
    assertEquals("m×k = 100000×100000 = 10000000000 overflows int (max 2147483647); "
        + "a tensor that large cannot be held in one Java array", e.getMessage());
  }

  @Test
  void productUpToIntMaxIsAccepted() {
    assertEquals(Integer.MAX_VALUE, Inputs.elementCount("x", Integer.MAX_VALUE, 1));
    assertEquals(1 << 30, Inputs.elementCount("x", 1 << 10, 1 << 10, 1 << 10));
  }

  @Test
  void firstNonFiniteValueIsLocatedByRowAndColumn() {
    float[] b = new float[5 * 20];
    b[3 * 20 + 17] = Float.NaN;
    b[4 * 20 + 1] = Float.POSITIVE_INFINITY;
    var e = assertThrows(IllegalArgumentException.class,
        () -> Inputs.requireFinite("b", b, Inputs.MATRIX_AXES, 5, 20));
    assertEquals("input b holds NaN at (row 3, col 17); the reference is undefined for non-finite inputs",
        e.getMessage());
  }

  @Test
  void infinitiesAreNamedWithTheirSign() {
    float[] x = {1, Float.NEGATIVE_INFINITY};
    var e = assertThrows(IllegalArgumentException.class,
        () -> Inputs.requireFinite("x", x, Inputs.VECTOR_AXES, 2));
    assertEquals("input x holds -Inf at (index 1); the reference is undefined for non-finite inputs",
        e.getMessage());
    float[] y = {Float.POSITIVE_INFINITY};
    e = assertThrows(IllegalArgumentException.class,
        () -> Inputs.requireFinite("y", y, Inputs.VECTOR_AXES, 1));
    assertEquals("input y holds +Inf at (index 0); the reference is undefined for non-finite inputs",
        e.getMessage());
  }

  @Test
  void nullArrayIsNamed() {
    var e = assertThrows(NullPointerException.class, () -> Inputs.requireLength("q", null, "n", 3));
    assertEquals("q must not be null", e.getMessage());
  }
}
