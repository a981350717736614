package dev.kernelplayground.problem;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.check.Arithmetic;
import dev.kernelplayground.check.Expected;
import dev.kernelplayground.reference.AttentionReference;
import dev.kernelplayground.reference.AttentionShape;
import dev.kernelplayground.reference.LowPrecision;
import org.junit.jupiter.api.Test;

/** Attention for a kernel that reads q, k, v as fp16: reference from the rounded inputs, wider bounds. */
class AttentionProblemFp16Test {
  private static final AttentionShape SHAPE = new AttentionShape(2, 3, 19, 24);
  private static final long SEED = 77;

  @Test
  void theReferenceIsComputedFromTheFp16RoundedInputs() {
    AttentionProblem p = AttentionProblem.random(SHAPE, true, SEED, Arithmetic.FP16_IN_FP32_ACC);
    double[] fromRounded = AttentionReference.compute(
        LowPrecision.toHalf(p.q()), LowPrecision.toHalf(p.k()), LowPrecision.toHalf(p.v()), SHAPE, true).out();
    assertArrayEquals(fromRounded, p.expected().values(), "seed " + SEED);
    double[] fromFloats = AttentionProblem.random(SHAPE, true, SEED).expected().values();
    assertFalse(java.util.Arrays.equals(fromFloats, p.expected().values()),
        "rounding q, k, v to fp16 must change the reference");
    assertEquals(Arithmetic.FP16_IN_FP32_ACC, p.arithmetic());
    assertTrue(p.describe().endsWith(", fp16 inputs, fp32 accumulate"), p.describe());
  }

  @Test
  void theBoundsAllowForFp16InputsButNotForAnything() {
    AttentionProblem fp16 = AttentionProblem.random(SHAPE, false, SEED, Arithmetic.FP16_IN_FP32_ACC);
    AttentionProblem fp32 = AttentionProblem.random(SHAPE, false, SEED);
    Expected e16 = fp16.expected();
    Expected e32 = fp32.expected();
    double[] plainFloatAnswer = e32.values(); // what an fp32 kernel on the unrounded inputs would give
    for (int i = 0; i < e16.bounds().length; i++) {
      assertTrue(e16.bounds()[i] > e32.bounds()[i], "element " + i);
      assertTrue(Math.abs(plainFloatAnswer[i] - e16.values()[i]) <= e16.bounds()[i],
          "fp32 inputs stay within the fp16 bounds at element " + i + " (seed " + SEED + ")");
      assertTrue(e16.bounds()[i] < 0.05, "a bound of " + e16.bounds()[i] + " would pass wrong kernels");
    }
  }
}
