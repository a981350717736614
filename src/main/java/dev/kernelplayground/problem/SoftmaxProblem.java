package dev.kernelplayground.problem;

import dev.kernelplayground.bench.Workload;
import dev.kernelplayground.check.Arithmetic;
import dev.kernelplayground.check.Expected;
import dev.kernelplayground.check.Tolerance;
import dev.kernelplayground.reference.SoftmaxReference;

/** Softmax of each row of a rows×cols fp32 matrix x, row-major. */
public final class SoftmaxProblem extends RowsByColsProblem {
  private SoftmaxProblem(int rows, int cols, long seed) {
    super("softmax", rows, cols, seed);
  }

  public static SoftmaxProblem random(int rows, int cols, long seed) {
    requireFits("softmax", rows, cols);
    return new SoftmaxProblem(rows, cols, seed);
  }

  @Override
  Expected computeExpected() {
    return Tolerance.softmax(SoftmaxReference.rows(x(), rows(), cols()), rows(), cols(), Arithmetic.FP32);
  }

  /**
   * Per element: a subtraction, an exp (counted as one FLOP), an add to the sum and a multiply — 4 FLOPs;
   * x read once and the output written once, the traffic of a single-pass kernel.
   */
  @Override
  public Workload workload() {
    double n = (double) rows() * cols();
    return new Workload(4 * n, 8 * n);
  }
}
