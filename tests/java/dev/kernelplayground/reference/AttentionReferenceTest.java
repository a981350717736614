package dev.kernelplayground.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttentionReferenceTest {
  /** Random attention inputs: q and k Gaussian with {@code stdDev} (it sets how peaked the scores are), v uniform. */
  private record Qkv(float[] q, float[] k, float[] v) {
    static Qkv random(long seed, int elements, double stdDev) {
      Random random = new Random(seed);
      float[] q = TestData.gaussian(random, elements, stdDev);
      float[] k = TestData.gaussian(random, elements, stdDev);
      return new Qkv(q, k, TestData.uniform(random, elements));
    }

    AttentionResult compute(AttentionShape shape, boolean causal) {
      return AttentionReference.compute(q, k, v, shape, causal);
    }

    AttentionResult compute(AttentionShape shape, boolean causal, double scale) {
      return AttentionReference.compute(q, k, v, shape, causal, scale);
    }
  }

  /**
   * The slow, direct formula: for every (batch, head, i) build the full score row with masked keys set to
   * -Inf, softmax it, and sum probability-weighted rows of V, reading every tensor through its 4-d index.
   */
  private static double[][] bruteForce(float[] q, float[] k, float[] v, AttentionShape s, boolean causal,
      double scale) {
    double[] out = new double[s.elements()];
    double[] absScale = new double[s.elements()];
    int len = s.seqLen();
    int dim = s.headDim();
    for (int b = 0; b < s.batch(); b++) {
      for (int h = 0; h < s.heads(); h++) {
        for (int i = 0; i < len; i++) {
          double[] scores = new double[len];
          double max = Double.NEGATIVE_INFINITY;
          for (int j = 0; j < len; j++) {
            if (causal && j > i) {
              scores[j] = Double.NEGATIVE_INFINITY;
              continue;
            }
            double dot = 0;
            for (int d = 0; d < dim; d++) {
              dot += (double) q[index(s, b, h, i, d)] * k[index(s, b, h, j, d)];
            }
            scores[j] = scale * dot;
            max = Math.max(max, scores[j]);
          }
          double sum = 0;
          for (int j = 0; j < len; j++) {
            scores[j] = Math.exp(scores[j] - max); // exp(-Inf) = 0 for masked keys
            sum += scores[j];
          }
          for (int d = 0; d < dim; d++) {
            double acc = 0;
            double abs = 0;
            for (int j = 0; j < len; j++) {
              acc += scores[j] / sum * v[index(s, b, h, j, d)];
              abs += scores[j] / sum * Math.abs(v[index(s, b, h, j, d)]);
            }
            out[index(s, b, h, i, d)] = acc;
            absScale[index(s, b, h, i, d)] = abs;
          }
        }
      }
    }
    return new double[][] {out, absScale};
  }

  private static int index(AttentionShape s, int b, int h, int i, int d) {
    return ((b * s.heads() + h) * s.seqLen() + i) * s.headDim() + d;
  }

  @ParameterizedTest(name = "{0}×{1}×{2}×{3} causal={4} seed {5}")
  @CsvSource({
      "1, 1, 1, 1, false, 1",
      "1, 1, 1, 1, true, 2",
      "1, 1, 5, 3, true, 3",
      "2, 3, 17, 8, false, 4",
      "2, 3, 17, 8, true, 5",
      "1, 2, 64, 64, true, 6",
      "3, 1, 33, 7, false, 7",
      "2, 4, 100, 16, true, 8",
      "2, 4, 100, 16, true, 9",
  })
  void matchesBruteForce(int batch, int heads, int seqLen, int headDim, boolean causal, long seed) {
    AttentionShape shape = new AttentionShape(batch, heads, seqLen, headDim);
    Qkv in = Qkv.random(seed, shape.elements(), 1.5);
    AttentionResult result = in.compute(shape, causal);
    double[][] expected = bruteForce(in.q(), in.k(), in.v(), shape, causal, 1 / Math.sqrt(headDim));
    String context = shape + " causal=" + causal + ", seed " + seed;
    assertSame(shape, result.shape());
    double[] tolerance = new double[shape.elements()];
    for (int i = 0; i < tolerance.length; i++) {
      tolerance[i] = 1e-12 * expected[1][i] + 1e-300;
    }
    TestData.assertClose(expected[0], result.out(), tolerance, context + ", out");
    TestData.assertClose(expected[1], result.absScale(), tolerance, context + ", absScale");
  }

  @Test
  void causalRowZeroIsValueRowZero() {
    AttentionShape shape = new AttentionShape(2, 3, 9, 5);
    Qkv in = Qkv.random(10, shape.elements(), 4);
    float[] v = in.v();
    AttentionResult result = in.compute(shape, true);
    for (int b = 0; b < 2; b++) {
      for (int h = 0; h < 3; h++) {
        for (int d = 0; d < 5; d++) {
          int at = index(shape, b, h, 0, d);
          assertEquals(v[at], result.out()[at], "seed 10, batch " + b + ", head " + h + ", dim " + d);
          assertEquals(Math.abs(v[at]), result.absScale()[at]);
        }
      }
    }
  }

  @Test
  void zeroScaleAveragesTheVisibleValues() {
    AttentionShape shape = new AttentionShape(1, 1, 6, 2);
    Qkv in = Qkv.random(11, 12, 10);
    float[] v = in.v();
    double[] causal = in.compute(shape, true, 0.0).out();
    double[] full = in.compute(shape, false, 0.0).out();
    for (int d = 0; d < 2; d++) {
      double prefix = 0;
      for (int i = 0; i < 6; i++) {
        prefix += v[i * 2 + d];
        assertEquals(prefix / (i + 1), causal[i * 2 + d], 1e-15, "row " + i + ", dim " + d);
      }
      for (int i = 0; i < 6; i++) {
        assertEquals(prefix / 6, full[i * 2 + d], 1e-15, "row " + i + ", dim " + d);
      }
    }
  }

  @Test
  void defaultScaleIsOneOverSqrtHeadDim() {
    AttentionShape shape = new AttentionShape(2, 2, 11, 9);
    Qkv in = Qkv.random(12, shape.elements(), 1);
    assertArrayEquals(in.compute(shape, false, 1 / 3.0).out(), in.compute(shape, false).out());
  }

  @Test
  void hugeScoresStayFinite() {
    AttentionShape shape = new AttentionShape(1, 1, 3, 1);
    float[] q = {100, 100, 100};
    float[] k = {100, -100, 50};
    float[] v = {1, 2, 3};
    double[] out = AttentionReference.compute(q, k, v, shape, false).out(); // scores up to 10^4
    for (double x : out) {
      assertEquals(1.0, x);
    }
  }

  @Test
  void badInputsAreReported() {
    AttentionShape shape = new AttentionShape(2, 3, 4, 5);
    float[] ok = new float[120];
    var e = assertThrows(IllegalArgumentException.class,
        () -> AttentionReference.compute(ok, new float[100], ok, shape, false));
    assertEquals("k has 100 elements but batch×heads×seqLen×headDim = 2×3×4×5 = 120", e.getMessage());
    float[] v = new float[120];
    v[index(shape, 1, 2, 3, 4)] = Float.NaN;
    e = assertThrows(IllegalArgumentException.class,
        () -> AttentionReference.compute(ok, ok, v, shape, true));
    assertEquals("input v holds NaN at (batch 1, head 2, seq 3, dim 4); the reference is undefined for "
        + "non-finite inputs", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new AttentionShape(1, 0, 4, 5));
    assertEquals("heads must be positive but is 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new AttentionShape(64, 64, 1 << 12, 128));
    assertEquals("batch×heads×seqLen×headDim = 64×64×4096×128 = 2147483648 overflows int "
        + "(max 2147483647); a tensor that large cannot be held in one Java array", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> AttentionReference.compute(ok, ok, ok, shape, false, Double.NaN));
    assertEquals("scale must be finite but is NaN", e.getMessage());
  }
}
