package dev.kernelplayground.cudasource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SizeExpressionTest {
  private static final Set<String> MATMUL = Set.of("m", "n", "k");

  @Test
  void cdivRoundsUpAndMinMaxWork() {
    SizeExpression e = SizeExpression.parse("cdiv(n, 128)", MATMUL);
    assertEquals(9, e.evaluateWhole(Map.of("m", 1, "n", 1025, "k", 1)));
    assertEquals(8, e.evaluateWhole(Map.of("m", 1, "n", 1024, "k", 1)));
    assertEquals(1, e.evaluateWhole(Map.of("m", 1, "n", 1, "k", 1)));
    assertEquals(64, SizeExpression.parse("min(cdiv(m, 16), 64)", MATMUL).evaluateWhole(Map.of("m", 4096)));
    assertEquals(7, SizeExpression.parse("max(m, 7)", MATMUL).evaluateWhole(Map.of("m", 3)));
    assertEquals(2 * 3 * 5, SizeExpression.parse("m * n * k", MATMUL).evaluateWhole(Map.of("m", 2, "n", 3, "k", 5)));
  }

  @Test
  void scalarsKeepTheirFraction() {
    SizeExpression scale = SizeExpression.parse("1 / sqrt(dim)", Set.of("dim"));
    assertEquals(0.125, scale.evaluate(Map.of("dim", 64)), 1e-15);
    assertEquals(1 / Math.sqrt(67), scale.evaluate(Map.of("dim", 67)), 1e-15);
  }

  @Test
  void aFractionIsNotALaunchDimension() {
    SizeExpression half = SizeExpression.parse("n / 2", MATMUL);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> half.evaluateWhole(Map.of("n", 7)));
    assertTrue(e.getMessage().contains("not a whole number"), e.getMessage());
  }

  @Test
  void unknownNamesAndBadSyntaxAreRejectedWhenParsed() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> SizeExpression.parse("cdiv(rows, 4)", MATMUL));
    assertTrue(unknown.getMessage().contains("rows"), unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SizeExpression.parse("cdiv(n, ", MATMUL));
    assertThrows(IllegalArgumentException.class, () -> SizeExpression.parse("   ", MATMUL));
  }

  @Test
  void aMissingSizeIsNamed() {
    SizeExpression e = SizeExpression.parse("m + k", MATMUL);
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> e.evaluate(Map.of("m", 1)));
    assertTrue(ex.getMessage().contains("'k'"), ex.getMessage());
  }
}
