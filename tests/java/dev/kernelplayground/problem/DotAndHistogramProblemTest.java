package dev.kernelplayground.problem;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.check.Expected;
import dev.kernelplayground.reference.HistogramReference;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The dot and histogram families' problems: what they draw, their references and how far a result may be off. */
class DotAndHistogramProblemTest {
  @Test
  void theDotReferenceIsTheFloat64SumOfProductsWithABoundThatGrowsWithN() {
    long seed = RandomInputs.newSeed();
    DotProblem p = DotProblem.random(10_001, seed);
    double exact = 0, absSum = 0;
    for (int i = 0; i < p.n(); i++) {
      exact += (double) p.x()[i] * p.y()[i];
      absSum += Math.abs((double) p.x()[i] * p.y()[i]);
    }
    Expected e = p.expected();
    assertEquals(1, p.outputSize());
    assertEquals(exact, e.values()[0], 1e-9 * absSum, "seed " + seed);
    assertTrue(e.bounds()[0] > 0 && e.bounds()[0] < 1e-3 * absSum, e.rule());
    float sequential = 0f;
    for (int i = 0; i < p.n(); i++) {
      sequential += p.x()[i] * p.y()[i];
    }
    assertTrue(Math.abs(sequential - exact) <= e.bounds()[0], "a float loop is a correct dot product (seed " + seed + ")");
    int largest = 0;
    for (int i = 0; i < p.n(); i++) {
      largest = Math.abs(p.x()[i] * p.y()[i]) > Math.abs(p.x()[largest] * p.y()[largest]) ? i : largest;
    }
    float dropped = sequential - p.x()[largest] * p.y()[largest];
    assertFalse(Math.abs(dropped - exact) <= e.bounds()[0], "a sum that drops its largest term is not (seed " + seed + ")");
  }

  @Test
  void histogramValuesAreWholeBinsAndOneBinPutsThemAllInOne() {
    long seed = RandomInputs.newSeed();
    HistogramProblem spread = HistogramProblem.random(100_003, 37, false, seed);
    double[] counts = spread.expected().values();
    assertEquals(37, counts.length);
    assertEquals(100_003, Arrays.stream(counts).sum());
    assertTrue(Arrays.stream(counts).allMatch(c -> c > 2000), "evenly spread over 37 bins: " + Arrays.toString(counts) + " (seed " + seed + ")");
    for (float v : spread.x()) {
      assertTrue(v >= 0 && v < 37 && v == Math.rint(v), "value " + v);
    }
    HistogramProblem oneBin = HistogramProblem.random(1003, 4099, true, seed);
    double[] skewed = oneBin.expected().values();
    assertEquals(1, Arrays.stream(skewed).filter(c -> c > 0).count(), "seed " + seed);
    assertEquals(1003, Arrays.stream(skewed).max().orElseThrow());
    assertEquals("histogram of n = 1,003 values into 4,099 bins, all in one bin", oneBin.describe());
  }

  @Test
  void aValueThatNamesNoBinAndCountsAFloatCannotHoldAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HistogramReference.compute(new float[] {0f, 2.5f}, 4));
    assertEquals("x[1] = 2.5 names no bin: values are whole numbers from 0 to 3", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> HistogramReference.compute(new float[] {4f}, 4));
    e = assertThrows(IllegalArgumentException.class, () -> HistogramProblem.random(1 << 24, 4, false, 1));
    assertTrue(e.getMessage().contains("2^24"), e.getMessage());
  }
}
