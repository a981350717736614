package dev.kernelplayground.problem;

import dev.kernelplayground.bench.Workload;
import dev.kernelplayground.check.Expected;
import dev.kernelplayground.check.OutputLayout;
import dev.kernelplayground.check.Tolerance;
import dev.kernelplayground.reference.VectorReference;

/** out = x over n floats: the bandwidth kernel. No arithmetic, so the check is bit exact. */
public final class CopyProblem extends ElementwiseProblem {
  private final float[] x;

  private CopyProblem(int n, long seed) {
    // input and its snapshot (2×4 B), output (4 B), reference and bounds (2×8 B)
    super("copy", n, 28.0, seed);
    this.x = addInput("x", n);
  }

  public static CopyProblem random(int n, long seed) {
    return new CopyProblem(n, seed);
  }

  public float[] x() {
    return x;
  }

  @Override
  Expected computeExpected() {
    return Tolerance.exact(VectorReference.copy(x), OutputLayout.vector(n()));
  }

  /** No FLOPs; one float read and one written per element. */
  @Override
  public Workload workload() {
    return new Workload(0, 8.0 * n());
  }
}
