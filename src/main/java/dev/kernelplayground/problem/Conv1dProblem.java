package dev.kernelplayground.problem;

import dev.kernelplayground.bench.Workload;
import dev.kernelplayground.check.Arithmetic;
import dev.kernelplayground.check.Expected;
import dev.kernelplayground.check.OutputLayout;
import dev.kernelplayground.check.Tolerance;
import dev.kernelplayground.reference.Conv1dReference;

/** out[i] = Σ_j w[j]·x[i + j − r] over n floats x and an odd width = 2·r + 1 of filter taps w, x zero outside. */
public final class Conv1dProblem extends SeededProblem {
  private final int n;
  private final int width;
  private final float[] x;
  private final float[] w;

  private Conv1dProblem(int n, int width, long seed) {
    super(seed);
    this.n = n;
    this.width = width;
    this.x = addInput("x", n);
    this.w = addInput("w", width);
  }

  /** Refuses an even width and sizes this JVM cannot hold, before drawing the inputs. */
  public static Conv1dProblem random(int n, int width, long seed) {
    Conv1dReference.requireOddWidth(width);
    // x and its snapshot (2×4 B), output (4 B), reference, Σ|term| and bounds (3×8 B)
    MemoryBudget.requireElements(String.format("conv1d of %,d elements", n), 36.0, n);
    return new Conv1dProblem(n, width, seed);
  }

  public int n() {
    return n;
  }

  public int width() {
    return width;
  }

  public float[] x() {
    return x;
  }

  public float[] w() {
    return w;
  }

  @Override
  public String describe() {
    return String.format("conv1d n = %,d, width %d", n, width);
  }

  @Override
  public int outputSize() {
    return n;
  }

  /** Each output sums width products (fewer at the edges, where the padding zeros add nothing). */
  @Override
  Expected computeExpected() {
    return Tolerance.sums(Conv1dReference.compute(x, w), i -> width, OutputLayout.vector(n), "filter sums", Arithmetic.FP32);
  }

  /** A multiply and an add per tap; x read once and out written once at best, plus the filter. */
  @Override
  public Workload workload() {
    return new Workload(2.0 * n * width, 8.0 * n + 4.0 * width);
  }
}
