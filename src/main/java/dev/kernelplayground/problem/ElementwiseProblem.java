package dev.kernelplayground.problem;

/** What the problems over n floats share (vector add, copy): the size, an output of n floats, their description. */
abstract class ElementwiseProblem extends SeededProblem {
  private final String task;
  private final int n;

  /**
   * Refuses an n that is not positive or does not fit this JVM's heap, before the subclass allocates its inputs.
   *
   * @param bytesPerElement what the inputs, output, reference and checker need per element together
   */
  ElementwiseProblem(String task, int n, double bytesPerElement, long seed) {
    super(seed);
    MemoryBudget.requireElements(String.format("%s of %,d elements", task, n), bytesPerElement, n);
    this.task = task;
    this.n = n;
  }

  public int n() {
    return n;
  }

  @Override
  public String describe() {
    return String.format("%s n = %,d", task, n);
  }

  @Override
  public int outputSize() {
    return n;
  }
}
