package dev.kernelplayground.problem;

/**
 * What the problems on one row-major rows×cols fp32 matrix x share (softmax, transpose): the sizes, the input,
 * an output as large as x, and how they are described.
 */
public abstract class RowsByColsProblem extends SeededProblem {
  private final String task;
  private final int rows;
  private final int cols;
  private final float[] x;

  RowsByColsProblem(String task, int rows, int cols, long seed) {
    super(seed);
    this.task = task;
    this.rows = rows;
    this.cols = cols;
    this.x = addInput("x", rows * cols);
  }

  /** Refuses sizes that are not positive or do not fit this JVM's heap, before any array is allocated. */
  static void requireFits(String task, int rows, int cols) {
    // input and its snapshot (2×4 B), output (4 B), reference and bounds (2×8 B)
    MemoryBudget.requireElements(String.format("%s %d×%d", task, rows, cols), 28.0, rows, cols);
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
    return String.format("%s %d×%d (rows×cols)", task, rows, cols);
  }

  @Override
  public int outputSize() {
    return rows * cols;
  }
}
