package dev.kernelplayground.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VectorReferenceTest {
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void addIsTheDoubleSum(long seed) {
    Random random = new Random(seed);
    int n = 1 + random.nextInt(5000);
    float[] a = TestData.gaussian(random, n, 1e3);
    float[] b = TestData.gaussian(random, n, 1e-3);
    double[] sum = VectorReference.add(a, b);
    for (int i = 0; i < n; i++) {
      assertEquals((double) a[i] + (double) b[i], sum[i], "seed " + seed + ", index " + i);
    }
  }

  @Test
  void addKeepsWhatFloatWouldRoundAway() {
    double[] sum = VectorReference.add(new float[] {1e8f, 1}, new float[] {1, 0x1p-30f});
    assertEquals(100_000_001.0, sum[0]); // in float this is 1e8
    assertEquals(1 + 0x1p-30, sum[1]);
  }

  @Test
  void copyWidensExactly() {
    float[] x = TestData.uniform(new Random(4), 1000);
    double[] copy = VectorReference.copy(x);
    for (int i = 0; i < x.length; i++) {
      assertEquals(x[i], copy[i], "seed 4, index " + i);
    }
    assertArrayEquals(new double[] {-0.0, Float.MIN_VALUE, Float.MAX_VALUE},
        VectorReference.copy(new float[] {-0.0f, Float.MIN_VALUE, Float.MAX_VALUE}));
  }

  @Test
  void badInputsAreReported() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> VectorReference.add(new float[6], new float[5]));
    assertEquals("b has 5 elements but length of a = 6", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> VectorReference.copy(new float[0]));
    assertEquals("x has 0 elements but a vector must have at least 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> VectorReference.add(new float[] {0, 0, 0}, new float[] {0, Float.POSITIVE_INFINITY, 0}));
    assertEquals("input b holds +Inf at (index 1); the reference is undefined for non-finite inputs",
        e.getMessage());
    assertThrows(NullPointerException.class, () -> VectorReference.add(null, new float[1]));
  }
}
