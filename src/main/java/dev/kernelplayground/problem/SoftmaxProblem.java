package dev.kernelplayground.problem;

import dev.kernelplayground.bench.Workload;
import dev.kernelplayground.check.Arithmetic;
import dev.kernelplayground.check.Expected;
import dev.kernelplayground.check.Tolerance;
import dev.kernelplayground.reference.SoftmaxReference;

/** Softmax of each row of a rows×cols fp32 matrix x, row-major. */
public final class SoftmaxProblem extends SeededProblem {
  private final int rows;
  private final int cols;
  private final float[] x;

  private SoftmaxProblem(int rows, int cols, long seed) {
    super(seed);
    this.rows = rows;
    this.cols = cols;
    this.x = addInput("x", rows * cols);
  }

  public static SoftmaxProblem random(int rows, int cols, long seed) {
    String what = String.format("softmax %d×%d", rows, cols);
    long n = MemoryBudget.elements(what, rows, cols);
    // input and its snapshot (2×4 B), output (4 B), reference and bounds (2×8 B)
    MemoryBudget.require(what, 28.0 * n);
    return new SoftmaxProblem(rows, cols, seed);
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  public float[] x() {
    return x;
  }

  @Override
  public String describe() {
    return String.format("softmax %d×%d (rows×cols)", rows, cols);
  }

  @Override
  public int outputSize() {
    return rows * cols;
  }

  @Override
  Expected computeExpected() {
    return Tolerance.softmax(SoftmaxReference.rows(x, rows, cols), rows, cols, Arithmetic.FP32);
  }

  /**
   * Per element: a subtraction, an exp (counted as one FLOP), an add to the sum and a multiply — 4 FLOPs;
   * x read once and the output written once, the traffic of a single-pass kernel.
   */
  @Override
  public Workload workload() {
    double n = (double) rows * cols;
    return new Workload(4 * n, 8 * n);
  }
}
