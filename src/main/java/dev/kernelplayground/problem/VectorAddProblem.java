package dev.kernelplayground.problem;

import dev.kernelplayground.bench.Workload;
import dev.kernelplayground.check.Arithmetic;
import dev.kernelplayground.check.Expected;
import dev.kernelplayground.check.OutputLayout;
import dev.kernelplayground.check.Tolerance;
import dev.kernelplayground.reference.VectorReference;

/** c = a + b over n floats. */
public final class VectorAddProblem extends ElementwiseProblem {
  private final float[] a;
  private final float[] b;

  private VectorAddProblem(int n, long seed) {
    // inputs and their snapshot (4×4 B), output (4 B), reference and bounds (2×8 B)
    super("vector add", n, 36.0, seed);
    this.a = addInput("a", n);
    this.b = addInput("b", n);
  }

  public static VectorAddProblem random(int n, long seed) {
    return new VectorAddProblem(n, seed);
  }

  public float[] a() {
    return a;
  }

  public float[] b() {
    return b;
  }

  @Override
  Expected computeExpected() {
    return Tolerance.elementwise(VectorReference.add(a(), b()), OutputLayout.vector(n()), Arithmetic.FP32);
  }

  /** One FLOP per element; two floats read and one written. */
  @Override
  public Workload workload() {
    return new Workload(n(), 12.0 * n());
  }
}
