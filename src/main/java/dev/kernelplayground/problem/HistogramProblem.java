package dev.kernelplayground.problem;

import dev.kernelplayground.bench.Workload;
import dev.kernelplayground.check.Expected;
import dev.kernelplayground.check.OutputLayout;
import dev.kernelplayground.check.Tolerance;
import dev.kernelplayground.reference.HistogramReference;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * out[b] = how many of the n values of x equal b, for bins b = 0..bins−1: x holds whole numbers stored as floats
 * (as a grey-level image holds 0..255), spread evenly over the bins, or with {@code oneBin} all equal to one bin
 * drawn from the seed: the adversarial input on which every thread's atomic update hits the same counter. Counts
 * are whole numbers, exact in a float up to 2^24, so the check is exact.
 */
public final class HistogramProblem extends SeededProblem {
  private final int n;
  private final int bins;
  private final boolean oneBin;
  private final float[] x;

  private HistogramProblem(int n, int bins, boolean oneBin, long seed) {
    super(seed);
    // input and its snapshot (2×4 B); output, reference and bounds per bin
    String what = String.format("histogram of %,d values into %,d bins", n, bins);
    MemoryBudget.requireElements(what, 8.0, n);
    MemoryBudget.requireElements(what, 20.0, bins);
    if (n >= 1 << 24) {
      throw new IllegalArgumentException("a histogram of n = " + n + " values: a float counts exactly only below 2^24 = 16,777,216");
    }
    this.n = n;
    this.bins = bins;
    this.oneBin = oneBin;
    this.x = addInput("x", n);
    SplittableRandom random = new SplittableRandom(seed);
    if (oneBin) {
      Arrays.fill(x, random.nextInt(bins));
    } else {
      for (int i = 0; i < n; i++) {
        x[i] = (float) Math.min(bins - 1, Math.floor((x[i] + 1) / 2 * bins));  // uniform [-1, 1) to a bin
      }
    }
  }

  public static HistogramProblem random(int n, int bins, boolean oneBin, long seed) {
    return new HistogramProblem(n, bins, oneBin, seed);
  }

  public int n() {
    return n;
  }

  public int bins() {
    return bins;
  }

  public float[] x() {
    return x;
  }

  @Override
  Expected computeExpected() {
    return Tolerance.exact(HistogramReference.compute(x, bins), OutputLayout.vector(bins));
  }

  @Override
  public String describe() {
    return String.format("histogram of n = %,d values into %,d bins%s", n, bins, oneBin ? ", all in one bin" : "");
  }

  @Override
  public int outputSize() {
    return bins;
  }

  /** No FLOPs; a float read per value and a count written per bin. */
  @Override
  public Workload workload() {
    return new Workload(0, 4.0 * n + 4.0 * bins);
  }
}
