package dev.kernelplayground.check;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.check.TestKernels.Bug;
import dev.kernelplayground.problem.MatmulProblem;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The checker catches each planted bug with the right diagnosis, and never fails a correct kernel. */
class CheckerTest {
  private static final long SEED = new SplittableRandom().nextLong(1, 1_000_000);

  static CheckReport check(Bug bug, int m, int n, int k, long seed) {
    MatmulProblem p = MatmulProblem.random(m, n, k, seed);
    float[] c = new float[p.outputSize()];
    return Checker.run(
        "test_matmul_" + bug,
        seed,
        p.expected(),
        p.inputs(),
        c,
        out -> TestKernels.matmul(bug, p.a(), p.b(), out, m, n, k),
        TestKernels.TILE);
  }

  static List<Arguments> oddShapes() {
    return List.of(
        Arguments.of(37, 53, 29),
        Arguments.of(1, 1, 1),
        Arguments.of(127, 129, 131),
        Arguments.of(33, 17, 1031),
        Arguments.of(16, 48, 32));
  }

  @ParameterizedTest(name = "correct float kernel passes {0}×{1}×{2}")
  @MethodSource("oddShapes")
  void correctKernelPassesOnSeveralSeeds(int m, int n, int k) {
    for (long seed = SEED; seed < SEED + 3; seed++) {
      CheckReport r = check(Bug.NONE, m, n, k, seed);
      assertTrue(r.passed(), () -> "seed " + r.seed() + ": " + r.findings());
      assertTrue(r.worstRatio() < 1);
    }
  }

  @Test
  void longReductionInFloatStaysInsideTheBound() {
    CheckReport r = check(Bug.NONE, 7, 9, 20_011, SEED);
    assertTrue(r.passed(), () -> "seed " + SEED + ": " + r.findings());
    assertTrue(r.maxAbsError() > 0, "a float kernel is not bit exact against float64: the check must measure it");
  }

  @Test
  void offByOneAtTheTileEdgeGivesWrongValues() {
    CheckReport r = check(Bug.OFF_BY_ONE_TILE_EDGE, 37, 53, 29, SEED);
    assertFalse(r.passed(), "seed " + SEED);
    assertTrue(r.wrongValues() > r.elements() / 2, "seed " + SEED + ": " + r.wrongValues());
    assertEquals(0, r.neverWritten());
  }

  @Test
  void transposedIndexGivesWrongValues() {
    CheckReport r = check(Bug.TRANSPOSED_INDEX, 37, 53, 29, SEED);
    assertFalse(r.passed(), "seed " + SEED);
    assertTrue(r.worstRatio() > 100, "seed " + SEED);
    assertEquals("(row 0, col 0)", r.firstMismatches().get(0).where());
  }

  @Test
  void skippedEdgeTileFailsOnlyForSizesThatAreNotTileMultiples() {
    CheckReport odd = check(Bug.SKIPPED_EDGE_TILE, 37, 53, 29, SEED);
    assertFalse(odd.passed(), "seed " + SEED);
    assertEquals(37 * 53 - 32 * 48, odd.neverWritten());
    assertNotNull(odd.edgeHint());
    assertTrue(odd.edgeHint().contains("col ≥ 48") && odd.edgeHint().contains("row ≥ 32"), odd.edgeHint());
    // the error map shows the pattern: only the last tile row and column are marked
    TileErrorMap map = odd.errorMap();
    assertEquals('.', map.symbol(0, 0));
    assertEquals('?', map.symbol(0, map.gridCols() - 1));
    assertEquals('?', map.symbol(map.gridRows() - 1, 0));

    CheckReport multiple = check(Bug.SKIPPED_EDGE_TILE, 32, 48, 29, SEED);
    assertTrue(multiple.passed(), "the bug hides at tile multiples; seed " + SEED);
  }

  @Test
  void unwrittenElementIsFoundWithItsCoordinates() {
    CheckReport r = check(Bug.UNWRITTEN_ELEMENT, 37, 53, 29, SEED);
    assertEquals(1, r.neverWritten());
    assertEquals(1, r.failed());
    Mismatch m = r.firstMismatches().get(0);
    assertEquals(Mismatch.Kind.NEVER_WRITTEN, m.kind());
    assertEquals("(row 5, col 7)", m.where());
    assertTrue(r.findings().get(0).contains("never written"), r.findings().toString());
  }

  @Test
  void allZerosOutputIsNamed() {
    CheckReport r = check(Bug.ALL_ZEROS, 37, 53, 29, SEED);
    assertTrue(r.allZeros());
    assertTrue(r.findings().get(0).contains("all zeros"), r.findings().toString());
  }

  @Test
  void inputMutationIsCaughtAndUndone() {
    MatmulProblem p = MatmulProblem.random(37, 53, 29, SEED);
    float original = p.a()[0];
    float[] c = new float[p.outputSize()];
    CheckReport r =
        Checker.run("mutates", SEED, p.expected(), p.inputs(), c,
            out -> TestKernels.matmul(Bug.MUTATES_INPUT, p.a(), p.b(), out, 37, 53, 29), 16);
    assertFalse(r.passed());
    assertEquals(0, r.failed(), "the output itself is right");
    assertEquals(1, r.inputChanges().size());
    assertTrue(r.inputChanges().get(0).startsWith("input a: 1 element changed, first at index 0"));
    assertEquals(original, p.a()[0], "the input is restored for the next run");
  }

  @Test
  void nanIsCountedApartFromUnwritten() {
    CheckReport r = check(Bug.NAN, 37, 53, 29, SEED);
    assertEquals(1, r.nans());
    assertEquals(0, r.neverWritten());
    assertEquals("(row 3, col 2)", r.firstMismatches().get(0).where());
  }

  @Test
  void outputIsPoisonedBeforeTheRun() {
    MatmulProblem p = MatmulProblem.random(4, 4, 4, SEED);
    float[] c = new float[16];
    java.util.Arrays.fill(c, 1f);
    CheckReport r = Checker.run("does nothing", SEED, p.expected(), p.inputs(), c, out -> TestKernels.TARGET, 1);
    assertEquals(16, r.neverWritten(), "stale values in the buffer must not count as written");
  }

  @Test
  void outputOfTheWrongSizeIsRefused() {
    MatmulProblem p = MatmulProblem.random(4, 4, 4, SEED);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> Checker.run("k", SEED, p.expected(), p.inputs(), new float[15], out -> TestKernels.TARGET, 1));
    assertTrue(e.getMessage().contains("15"));
  }
}
