package dev.kernelplayground.problem;

import dev.kernelplayground.bench.Workload;
import dev.kernelplayground.check.Arithmetic;
import dev.kernelplayground.check.Expected;
import dev.kernelplayground.check.Tolerance;
import dev.kernelplayground.reference.AttentionReference;
import dev.kernelplayground.reference.AttentionShape;
import dev.kernelplayground.reference.LowPrecision;

/**
 * softmax(Q·Kᵀ·scale [+ causal mask])·V for q, k, v and the output laid out [batch, heads, seqLen,
 * headDim], row-major, scale = 1/√headDim.
 *
 * <p>With an {@link Arithmetic} whose inputs are rounded (fp16 or bf16 inputs, fp32 accumulate), the kernel
 * reads q, k and v rounded to that format: the reference is then computed from the rounded inputs, and the
 * bounds add the format's input roundoff (which also covers a kernel that rounds the probabilities to fp16
 * before multiplying them with V, as a tensor-core kernel must).
 */
public final class AttentionProblem extends SeededProblem {
  private final AttentionShape shape;
  private final boolean causal;
  private final Arithmetic arithmetic;
  private final float[] q;
  private final float[] k;
  private final float[] v;

  private AttentionProblem(AttentionShape shape, boolean causal, long seed, Arithmetic arithmetic) {
    super(seed);
    this.shape = shape;
    this.causal = causal;
    this.arithmetic = arithmetic;
    this.q = addInput("q", shape.elements());
    this.k = addInput("k", shape.elements());
    this.v = addInput("v", shape.elements());
  }

  public static AttentionProblem random(AttentionShape shape, boolean causal, long seed) {
    return random(shape, causal, seed, Arithmetic.FP32);
  }

  /**
   * A problem for a kernel computing in {@code arithmetic}: {@code Arithmetic.FP16_IN_FP32_ACC} for one that
   * reads q, k, v as {@code __half} and accumulates in fp32.
   */
  public static AttentionProblem random(AttentionShape shape, boolean causal, long seed, Arithmetic arithmetic) {
    String what = describe(shape, causal, arithmetic);
    long n = shape.elements();
    // q, k, v and their snapshots (6×4 B), output (4 B), reference, its scale and bounds (3×8 B),
    // and the rounded q, k, v while the reference is computed (3×4 B)
    MemoryBudget.require(what, (arithmetic.inputRoundoff() > 0 ? 64.0 : 52.0) * n);
    return new AttentionProblem(shape, causal, seed, arithmetic);
  }

  public AttentionShape shape() {
    return shape;
  }

  public boolean causal() {
    return causal;
  }

  /** The number formats the kernel is checked for: FP32, or rounded inputs with fp32 accumulation. */
  public Arithmetic arithmetic() {
    return arithmetic;
  }

  public float scale() {
    return (float) shape.defaultScale();
  }

  public float[] q() {
    return q;
  }

  public float[] k() {
    return k;
  }

  public float[] v() {
    return v;
  }

  @Override
  public String describe() {
    return describe(shape, causal, arithmetic);
  }

  private static String describe(AttentionShape s, boolean causal, Arithmetic arithmetic) {
    return String.format(
        "attention %d×%d×%d×%d (batch×heads×seq×dim)%s%s",
        s.batch(), s.heads(), s.seqLen(), s.headDim(), causal ? ", causal" : "",
        arithmetic == Arithmetic.FP32 ? "" : ", " + arithmetic.label());
  }

  @Override
  public int outputSize() {
    return shape.elements();
  }

  @Override
  Expected computeExpected() {
    float[] qIn = rounded(q);
    float[] kIn = rounded(k);
    float[] vIn = rounded(v);
    return Tolerance.attention(
        AttentionReference.compute(qIn, kIn, vIn, shape, causal), qIn, kIn, shape.defaultScale(), arithmetic);
  }

  /** The input as the kernel reads it: rounded to the arithmetic's input format (fp32: unchanged). */
  private float[] rounded(float[] x) {
    return switch (arithmetic) {
      case FP32 -> x;
      case FP16, FP16_IN_FP32_ACC -> LowPrecision.toHalf(x);
      case BF16_IN_FP32_ACC -> LowPrecision.toBFloat16(x);
    };
  }

  /**
   * Q·Kᵀ and P·V are 2·seq²·dim FLOPs each per (batch, head) (half of that under the causal mask); Q, K, V
   * read once and the output written once, the traffic of a fused kernel.
   */
  @Override
  public Workload workload() {
    double s = shape.seqLen();
    double pairs = causal ? s * (s + 1) / 2 : s * s;
    double flops = shape.problems() * 4.0 * pairs * shape.headDim();
    return new Workload(flops, 16.0 * shape.elements());
  }
}
