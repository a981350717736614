package dev.kernelplayground.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.check.CheckReport;
import dev.kernelplayground.check.Checker;
import dev.kernelplayground.check.Expected;
import dev.kernelplayground.check.Tile;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.reference.Conv1dReference;
import dev.kernelplayground.reference.ScanReference;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scan and conv1d references on numbers worked by hand, and their checks at odd sizes and fresh seeds
 * (printed on failure): a float running sum and float loops pass; the mistakes lesson 12's exercises plant — an
 * exclusive scan, a tile without its carry, a filter applied flipped, halo cells left at 0 — fail.
 */
class ScanConv1dCheckTest {
  private static CheckReport check(Problem p, float[] out) {
    Expected expected = p.expected();
    return Checker.inspect("planted", p.seed(), "test", ExecutionTarget.plainJavaLoops(), out, expected, List.of(), Tile.NONE);
  }

  @Test
  void theReferencesOnNumbersWorkedByHand() {
    assertArrayEquals(new double[] {1, 3, 6, 10}, ScanReference.inclusive(new float[] {1, 2, 3, 4}).values());
    assertArrayEquals(new double[] {1, 2, 3, 7}, ScanReference.inclusive(new float[] {1, 1, 1, -4}).absSums());
    // w = (1, 2, 3): out[i] = x[i-1] + 2 x[i] + 3 x[i+1], zero outside: 2·1 + 3·10, 1 + 20 + 300, 10 + 200
    assertArrayEquals(new double[] {32, 321, 210}, Conv1dReference.compute(new float[] {1, 10, 100}, new float[] {1, 2, 3}).values());
    IllegalArgumentException even = assertThrows(IllegalArgumentException.class, () -> Conv1dProblem.random(10, 4, 1));
    assertTrue(even.getMessage().contains("must be odd"), even.getMessage());
  }

  @Test
  void aRunningSumPassesAndTheScanMistakesFail() {
    for (int n : new int[] {1, 1023, 20_011}) {
      ScanProblem p = ScanProblem.random(n, RandomInputs.newSeed());
      float[] x = p.x();
      float[] inclusive = new float[n];
      float[] exclusive = new float[n];
      float[] noCarry = new float[n];
      float sum = 0f;
      for (int i = 0; i < n; i++) {
        exclusive[i] = sum;
        sum += x[i];
        inclusive[i] = sum;
        noCarry[i] = i % 1024 == 0 ? x[i] : noCarry[i - 1] + x[i];
      }
      String seed = "n = " + n + ", seed " + p.seed();
      assertTrue(check(p, inclusive).passed(), seed + ": " + check(p, inclusive).findings());
      assertFalse(check(p, exclusive).passed(), seed + ": an exclusive scan passed");
      if (n > 1024) {
        assertFalse(check(p, noCarry).passed(), seed + ": tiles without their carry passed");
      }
    }
  }

  @Test
  void floatLoopsPassAndTheHaloMistakesFail() {
    for (int[] s : new int[][] {{20_011, 31}, {5, 65}, {257, 3}}) {
      Conv1dProblem p = Conv1dProblem.random(s[0], s[1], RandomInputs.newSeed());
      String seed = s[0] + "×" + s[1] + ", seed " + p.seed();
      assertTrue(check(p, conv(p, false, false)).passed(), seed + ": " + check(p, conv(p, false, false)).findings());
      assertFalse(check(p, conv(p, true, false)).passed(), seed + ": a flipped filter passed");
      if (s[0] > 256 && s[1] > 1) {  // past one block, some halo cells are inside x
        assertFalse(check(p, conv(p, false, true)).passed(), seed + ": halo cells left at 0 passed");
      }
    }
  }

  /**
   * The convolution in float; {@code flipped} reverses the taps, {@code dropHalo} reads x as 0 outside each block
   * of 256 outputs, as a block that never loaded its halo cells would.
   */
  private static float[] conv(Conv1dProblem p, boolean flipped, boolean dropHalo) {
    float[] x = p.x();
    float[] w = p.w();
    int r = w.length / 2;
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      float sum = 0f;
      for (int j = 0; j < w.length; j++) {
        int at = i + j - r;
        boolean dropped = dropHalo && (at < 0 || at / 256 != i / 256);
        if (at >= 0 && at < x.length && !dropped) {
          sum += (flipped ? w[w.length - 1 - j] : w[j]) * x[at];
        }
      }
      out[i] = sum;
    }
    return out;
  }
}
