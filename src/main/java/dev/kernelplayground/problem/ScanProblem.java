package dev.kernelplayground.problem;

import dev.kernelplayground.bench.Workload;
import dev.kernelplayground.check.Arithmetic;
import dev.kernelplayground.check.Expected;
import dev.kernelplayground.check.OutputLayout;
import dev.kernelplayground.check.Tolerance;
import dev.kernelplayground.reference.ScanReference;

/** The inclusive prefix sum of n floats: out[i] = x[0] + ... + x[i]. */
public final class ScanProblem extends ElementwiseProblem {
  private final float[] x;

  private ScanProblem(int n, long seed) {
    // input and its snapshot (2×4 B), output (4 B), reference, Σ|x| and bounds (3×8 B)
    super("scan", n, 36.0, seed);
    this.x = addInput("x", n);
  }

  public static ScanProblem random(int n, long seed) {
    return new ScanProblem(n, seed);
  }

  public float[] x() {
    return x;
  }

  /** Output i sums i + 1 terms, in whatever tree the kernel builds. */
  @Override
  Expected computeExpected() {
    return Tolerance.sums(ScanReference.inclusive(x), i -> i + 1L, OutputLayout.vector(n()), "prefix sums", Arithmetic.FP32);
  }

  /** One addition per element (a work-efficient scan does two); one float read and one written. */
  @Override
  public Workload workload() {
    return new Workload(n(), 8.0 * n());
  }
}
