package dev.kernelplayground.problem;

import dev.kernelplayground.bench.Workload;
import dev.kernelplayground.check.Arithmetic;
import dev.kernelplayground.check.Expected;
import dev.kernelplayground.check.Tolerance;
import dev.kernelplayground.reference.AttentionReference;
import dev.kernelplayground.reference.AttentionShape;

/**
 * softmax(Q·Kᵀ·scale [+ causal mask])·V for q, k, v and the output laid out [batch, heads, seqLen,
 * headDim], row-major, scale = 1/√headDim.
 */
public final class AttentionProblem extends SeededProblem {
  private final AttentionShape shape;
  private final boolean causal;
  private final float[] q;
  private final float[] k;
  private final float[] v;

  private AttentionProblem(AttentionShape shape, boolean causal, long seed) {
    super(seed);
    this.shape = shape;
    this.causal = causal;
    this.q = addInput("q", shape.elements());
    this.k = addInput("k", shape.elements());
    this.v = addInput("v", shape.elements());
  }

  public static AttentionProblem random(AttentionShape shape, boolean causal, long seed) {
    String what = describe(shape, causal);
    long n = shape.elements();
    // q, k, v and their snapshots (6×4 B), output (4 B), reference, its scale and bounds (3×8 B)
    MemoryBudget.require(what, 52.0 * n);
    return new AttentionProblem(shape, causal, seed);
  }

  public AttentionShape shape() {
    return shape;
  }

  public boolean causal() {
    return causal;
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
    return describe(shape, causal);
  }

  private static String describe(AttentionShape s, boolean causal) {
    return String.format(
        "attention %d×%d×%d×%d (batch×heads×seq×dim)%s",
        s.batch(), s.heads(), s.seqLen(), s.headDim(), causal ? ", causal" : "");
  }

  @Override
  public int outputSize() {
    return shape.elements();
  }

  @Override
  Expected computeExpected() {
    return Tolerance.attention(
        AttentionReference.compute(q, k, v, shape, causal), q, k, shape.defaultScale(), Arithmetic.FP32);
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
