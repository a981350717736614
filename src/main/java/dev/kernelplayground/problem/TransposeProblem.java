package dev.kernelplayground.problem;

import dev.kernelplayground.bench.Workload;
import dev.kernelplayground.check.Expected;
import dev.kernelplayground.check.OutputLayout;
import dev.kernelplayground.check.Tolerance;
import dev.kernelplayground.reference.TransposeReference;

/**
 * out = xᵀ for a rows×cols fp32 matrix x, row-major: out is cols×rows. No arithmetic, so the check is bit
 * exact.
 */
public final class TransposeProblem extends RowsByColsProblem {
  private TransposeProblem(int rows, int cols, long seed) {
    super("transpose", rows, cols, seed);
  }

  public static TransposeProblem random(int rows, int cols, long seed) {
    requireFits("transpose", rows, cols);
    return new TransposeProblem(rows, cols, seed);
  }

  /** The output is cols×rows: its rows are x's columns. */
  @Override
  Expected computeExpected() {
    return Tolerance.exact(TransposeReference.compute(x(), rows(), cols()), OutputLayout.matrix(cols(), rows()));
  }

  /** No FLOPs; one float read and one written per element, as for a copy. */
  @Override
  public Workload workload() {
    double n = (double) rows() * cols();
    return new Workload(0, 8 * n);
  }
}
