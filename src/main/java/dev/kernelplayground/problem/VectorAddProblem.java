package dev.kernelplayground.problem;

import dev.kernelplayground.bench.Workload;
import dev.kernelplayground.check.Arithmetic;
import dev.kernelplayground.check.Expected;
import dev.kernelplayground.check.OutputLayout;
import dev.kernelplayground.check.Tolerance;
import dev.kernelplayground.reference.VectorReference;
import java.util.LinkedHashMap;
import java.util.Map;

/** c = a + b over n floats. */
public final class VectorAddProblem implements Problem {
  private final int n;
  private final long seed;
  private final Map<String, float[]> inputs = new LinkedHashMap<>();
  private Expected expected;

  private VectorAddProblem(int n, long seed) {
    this.n = n;
    this.seed = seed;
    inputs.put("a", RandomInputs.uniform(n, seed, "a"));
    inputs.put("b", RandomInputs.uniform(n, seed, "b"));
  }

  public static VectorAddProblem random(int n, long seed) {
    String what = String.format("vector add of %,d elements", n);
    MemoryBudget.elements(what, n);
    // inputs and their snapshot (4×4 B), output (4 B), reference and bounds (2×8 B)
    MemoryBudget.require(what, 36.0 * n);
    return new VectorAddProblem(n, seed);
  }

  public float[] a() {
    return inputs.get("a");
  }

  public float[] b() {
    return inputs.get("b");
  }

  @Override
  public String describe() {
    return String.format("vector add n = %,d", n);
  }

  @Override
  public long seed() {
    return seed;
  }

  @Override
  public Map<String, float[]> inputs() {
    return inputs;
  }

  @Override
  public int outputSize() {
    return n;
  }

  @Override
  public synchronized Expected expected() {
    if (expected == null) {
      expected =
          Tolerance.elementwise(
              VectorReference.add(a(), b()), OutputLayout.vector(n), Arithmetic.FP32);
    }
    return expected;
  }

  /** One FLOP per element; two floats read and one written. */
  @Override
  public Workload workload() {
    return new Workload(n, 12.0 * n);
  }
}
