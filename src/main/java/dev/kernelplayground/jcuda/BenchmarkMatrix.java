package dev.kernelplayground.jcuda;

import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.run.Trial;
import dev.kernelplayground.run.TrialResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs every entry at every size through {@code run.Trial} on one GPU: checked against the float64
 * reference, timed with CUDA events and the L2 flushed before each repeat, re-checked. One failing kernel
 * or size is recorded and the rest still run. Each size's device buffers are freed before the next.
 */
public final class BenchmarkMatrix {
  private BenchmarkMatrix() {}

  public static List<MatrixRow> run(
      GpuSession session, List<MatrixEntry> entries, BenchConfig bench, PrintStream progress) {
    List<MatrixRow> rows = new ArrayList<>();
    for (MatrixEntry entry : entries) {
      for (int[] size : entry.sizes()) {
        long seed = RandomInputs.newSeed();
        int mark = session.context().mark();
        MatrixRow row;
        try {
          TrialResult trial = Trial.run(entry.factory().create(session, size, seed), bench, session.flush());
          row = new MatrixRow(entry, size, seed, trial, null);
        } catch (RuntimeException e) {
          row = new MatrixRow(entry, size, seed, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
          session.context().releaseTo(mark);
        }
        rows.add(row);
        progress.println(progressLine(row));
      }
    }
    return rows;
  }

  private static String progressLine(MatrixRow row) {
    String what = row.entry().kernel() + " " + row.sizeLabel() + ": ";
    if (row.error() != null) {
      return what + "ERROR " + row.error().lines().findFirst().orElse("");
    }
    if (!row.trial().passed()) {
      return what + "WRONG (seed " + row.seed() + ")";
    }
    return what + String.format(Locale.ROOT, "ok, %.3f ms", row.medianSeconds() * 1e3);
  }
}
