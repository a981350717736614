package dev.kernelplayground.problem;

import dev.kernelplayground.bench.Workload;
import dev.kernelplayground.check.Arithmetic;
import dev.kernelplayground.check.Expected;
import dev.kernelplayground.check.Tolerance;
import dev.kernelplayground.reference.MatmulReference;

/**
 * out[0] = x · y = Σ x_i·y_i over n floats: a reduction of a whole array to one number, which every thread of
 * every block contributes to. A dot product is the 1×n by n×1 matrix product, so its reference and its bound
 * (γ(n)·Σ|x_i·y_i| + u·|ref|, any summation order) are the matmul's with k = n.
 */
public final class DotProblem extends ElementwiseProblem {
  private final float[] x;
  private final float[] y;

  private DotProblem(int n, long seed) {
    // inputs and their snapshot (4×4 B); one output
    super("dot product", n, 16.0, seed);
    this.x = addInput("x", n);
    this.y = addInput("y", n);
  }

  public static DotProblem random(int n, long seed) {
    return new DotProblem(n, seed);
  }

  public float[] x() {
    return x;
  }

  public float[] y() {
    return y;
  }

  /** One float: the whole array reduces to it. */
  @Override
  public int outputSize() {
    return 1;
  }

  @Override
  Expected computeExpected() {
    return Tolerance.matmul(MatmulReference.compute(x, y, 1, 1, n()), n(), Arithmetic.FP32);
  }

  /** A multiply-add per element; two floats read per element. */
  @Override
  public Workload workload() {
    return new Workload(2.0 * n(), 8.0 * n());
  }
}
