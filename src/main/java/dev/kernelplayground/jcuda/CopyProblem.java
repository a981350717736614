package dev.kernelplayground.jcuda;

import dev.kernelplayground.bench.Workload;
import dev.kernelplayground.check.Expected;
import dev.kernelplayground.check.OutputLayout;
import dev.kernelplayground.check.Tolerance;
import dev.kernelplayground.problem.MemoryBudget;
import dev.kernelplayground.problem.Problem;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.reference.VectorReference;
import java.util.Map;

/**
 * out = in over n floats, bit for bit: the bandwidth probe. No arithmetic, 4 bytes read and 4 written per
 * element, so its speed is a fraction of the GPU's peak DRAM bandwidth and nothing else.
 */
public final class CopyProblem implements Problem {
  private final int n;
  private final long seed;
  private final float[] in;
  private Expected expected;

  private CopyProblem(int n, long seed) {
    this.n = n;
    this.seed = seed;
    this.in = RandomInputs.uniform(n, seed, "in");
  }

  public static CopyProblem random(int n, long seed) {
    String what = String.format("copy of %,d floats", n);
    MemoryBudget.elements(what, n);
    // input and its snapshot, output (3×4 B), reference and bounds (2×8 B)
    MemoryBudget.require(what, 28.0 * n);
    return new CopyProblem(n, seed);
  }

  @Override
  public String describe() {
    return String.format("copy n = %,d", n);
  }

  @Override
  public long seed() {
    return seed;
  }

  @Override
  public Map<String, float[]> inputs() {
    return Map.of("in", in);
  }

  @Override
  public int outputSize() {
    return n;
  }

  @Override
  public synchronized Expected expected() {
    if (expected == null) {
      expected = Tolerance.exact(VectorReference.copy(in), OutputLayout.vector(n));
    }
    return expected;
  }

  /** No FLOPs; 4 bytes read and 4 written per element. */
  @Override
  public Workload workload() {
    return new Workload(0, 8.0 * n);
  }
}
