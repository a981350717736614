package dev.kernelplayground.check;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.reference.AttentionReference;
import dev.kernelplayground.reference.AttentionResult;
import dev.kernelplayground.reference.AttentionShape;
import dev.kernelplayground.reference.SoftmaxReference;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The tolerance rules accept what a correct float kernel computes, however it orders its sums, and
 * reject a small real bug.
 */
class ToleranceTest {
  private static final long SEED = new SplittableRandom().nextLong(1, 1_000_000);
  private static final ExecutionTarget CPU = ExecutionTarget.javaThreads(1);

  @Test
  void gammaIsTheSmallerOfTheWorstCaseAndTheProbabilisticBound() {
    double u = 0x1p-24;
    assertEquals(10 * u / (1 - 10 * u), Tolerance.gamma(10, u), 1e-20);
    assertEquals(8 * Math.sqrt(4096) * u, Tolerance.gamma(4096, u), 1e-20);
    assertEquals(8 * Math.sqrt(1 << 25) * u, Tolerance.gamma(1 << 25, u), 1e-20, "K·u ≥ 1: only the probabilistic bound holds");
  }

  /** Softmax in float: max, then exp and sum (forward or backward), then divide. */
  static float[] floatSoftmax(float[] x, int rows, int cols, boolean backwards, boolean dropPartialWarp) {
    float[] y = new float[x.length];
    for (int r = 0; r < rows; r++) {
      float max = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < cols; c++) max = Math.max(max, x[r * cols + c]);
      float sum = 0;
      // the bug: a warp-wide reduction that drops the last partial chunk of 32
      int sumCols = dropPartialWarp ? cols - cols % 32 : cols;
      for (int i = 0; i < sumCols; i++) {
        int c = backwards ? sumCols - 1 - i : i;
        sum += (float) Math.exp(x[r * cols + c] - max);
      }
      for (int c = 0; c < cols; c++) y[r * cols + c] = (float) Math.exp(x[r * cols + c] - max) / sum;
    }
    return y;
  }

  static CheckReport checkSoftmax(boolean backwards, boolean bug, int rows, int cols, float spread) {
    float[] x = RandomInputs.uniform(rows * cols, SEED, "x");
    for (int i = 0; i < x.length; i++) x[i] *= spread;
    Expected e = Tolerance.softmax(SoftmaxReference.rows(x, rows, cols), rows, cols, Arithmetic.FP32);
    float[] out = new float[x.length];
    return Checker.run("softmax", SEED, e, Map.of("x", x), out,
        o -> { System.arraycopy(floatSoftmax(x, rows, cols, backwards, bug), 0, o, 0, o.length); return CPU; }, 1);
  }

  @Test
  void softmaxInFloatPassesInEitherSummationOrder() {
    for (int[] shape : List.of(new int[] {1, 1}, new int[] {37, 1001}, new int[] {5, 20_011})) {
      assertTrue(checkSoftmax(false, false, shape[0], shape[1], 8).passed(), "seed " + SEED);
      assertTrue(checkSoftmax(true, false, shape[0], shape[1], 8).passed(), "seed " + SEED);
    }
  }

  @Test
  void softmaxWhoseSumDropsThePartialWarpIsCaught() {
    // logits in [-1, 1): the 9 dropped terms carry about 9/1001 of every row's sum
    CheckReport r = checkSoftmax(false, true, 37, 1001, 1);
    assertFalse(r.passed(), "seed " + SEED);
    assertTrue(r.wrongValues() == 37 * 1001, "every element is off; seed " + SEED + ": " + r.wrongValues());
  }

  /** Attention in float: scores, softmax, weighted sum of V, all accumulated in float. */
  static float[] floatAttention(float[] q, float[] k, float[] v, AttentionShape s, boolean causal, int skipKey) {
    int d = s.headDim(), n = s.seqLen();
    float scale = (float) (1 / Math.sqrt(d));
    float[] out = new float[q.length];
    for (int bh = 0; bh < s.batch() * s.heads(); bh++) {
      int base = bh * n * d;
      for (int i = 0; i < n; i++) {
        float[] p = new float[n];
        float max = Float.NEGATIVE_INFINITY;
        int last = causal ? i : n - 1;
        for (int j = 0; j <= last; j++) {
          float dot = 0;
          for (int c = 0; c < d; c++) dot += q[base + i * d + c] * k[base + j * d + c];
          p[j] = dot * scale;
          max = Math.max(max, p[j]);
        }
        float sum = 0;
        for (int j = 0; j <= last; j++) {
          p[j] = j == skipKey ? 0 : (float) Math.exp(p[j] - max);
          sum += p[j];
        }
        for (int c = 0; c < d; c++) {
          float acc = 0;
          for (int j = 0; j <= last; j++) acc += p[j] * v[base + j * d + c];
          out[base + i * d + c] = acc / sum;
        }
      }
    }
    return out;
  }

  static CheckReport checkAttention(boolean causal, int skipKey) {
    AttentionShape s = new AttentionShape(2, 3, 77, 33);
    int size = 2 * 3 * 77 * 33;
    float[] q = RandomInputs.uniform(size, SEED, "q");
    float[] k = RandomInputs.uniform(size, SEED, "k");
    float[] v = RandomInputs.uniform(size, SEED, "v");
    AttentionResult ref = AttentionReference.compute(q, k, v, s, causal);
    Expected e = Tolerance.attention(ref, q, k, 1 / Math.sqrt(33), Arithmetic.FP32);
    float[] out = new float[size];
    return Checker.run("attention", SEED, e, Map.of("q", q, "k", k, "v", v), out,
        o -> { System.arraycopy(floatAttention(q, k, v, s, causal, skipKey), 0, o, 0, o.length); return CPU; }, 1);
  }

  @Test
  void attentionInFloatPasses() {
    assertTrue(checkAttention(false, -1).passed(), "seed " + SEED);
    CheckReport causal = checkAttention(true, -1);
    assertTrue(causal.passed(), "seed " + SEED + ": " + causal.findings());
    assertTrue(causal.worstRatio() < 0.5, "seed " + SEED + ": worst " + causal.worstRatio());
  }

  @Test
  void attentionThatDropsOneKeyIsCaughtWithItsCoordinates() {
    CheckReport r = checkAttention(false, 40);
    assertFalse(r.passed(), "seed " + SEED);
    assertTrue(r.firstMismatches().get(0).where().startsWith("(batch 0, head 0, seq 0, dim "), r.firstMismatches().toString());
  }
}
