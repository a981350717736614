package dev.kernelplayground.problem;

import dev.kernelplayground.bench.Workload;
import dev.kernelplayground.check.Expected;
import dev.kernelplayground.check.OutputLayout;
import dev.kernelplayground.check.Tolerance;
import dev.kernelplayground.reference.VectorReference;

/** out = x over n floats: the bandwidth kernel. No arithmetic, so the check is bit exact. */
public final class CopyProblem extends SeededProblem {
  private final int n;
  private final float[] x;

  private CopyProblem(int n, long seed) {
    super(seed);
    this.n = n;
    this.x = addInput("x", n);
  }

  public static CopyProblem random(int n, long seed) {
    String what = String.format("copy of %,d elements", n);
    MemoryBudget.elements(what, n);
    // input and its snapshot (2×4 B), output (4 B), reference and bounds (2×8 B)
    MemoryBudget.require(what, 28.0 * n);
    return new CopyProblem(n, seed);
  }

  public int n() {
    return n;
  }

  public float[] x() {
    return x;
  }

  @Override
  public String describe() {
    return String.format("copy n = %,d", n);
  }

  @Override
  public int outputSize() {
    return n;
  }

  @Override
  Expected computeExpected() {
    return Tolerance.exact(VectorReference.copy(x), OutputLayout.vector(n));
  }

  /** No FLOPs; one float read and one written per element. */
  @Override
  public Workload workload() {
    return new Workload(0, 8.0 * n);
  }
}
