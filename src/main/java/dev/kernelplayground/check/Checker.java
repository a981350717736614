package dev.kernelplayground.check;

import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.device.KernelLaunch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a kernel once under the checker's traps and compares its output with the reference: the output is
 * poisoned before the run (to see unwritten elements) and the inputs are copied (to see a kernel that
 * writes into them, which are then put back).
 */
public final class Checker {
  private static final int SHOWN_MISMATCHES = 5;

  /**
   * The relative error is reported only where |ref| is at least this many times the element's bound:
   * smaller references are sums that cancelled to rounding noise, where any correct kernel's relative
   * error can be near 1.
   */
  static final double RELATIVE_ERROR_FLOOR = 10;

  private Checker() {}

  /** {@link #run(String, long, Expected, Map, float[], KernelLaunch, Tile)} for a square tile (1 if untiled). */
  public static CheckReport run(
      String kernel, long seed, Expected expected, Map<String, float[]> inputs, float[] out, KernelLaunch launch,
      int tile) {
    return run(kernel, seed, expected, inputs, out, launch, Tile.square(tile));
  }

  /**
   * Poisons {@code out}, runs the kernel into it and checks the result.
   *
   * @param tile the output tile one block of the kernel computes, used for the error map and the edge hint
   */
  public static CheckReport run(
      String kernel,
      long seed,
      Expected expected,
      Map<String, float[]> inputs,
      float[] out,
      KernelLaunch launch,
      Tile tile) {
    if (out.length != expected.layout().size()) {
      throw new IllegalArgumentException(
          "output buffer has " + out.length + " elements, the reference " + expected.layout().size());
    }
    Poison.fill(out);
    InputSnapshot snapshot = InputSnapshot.of(inputs);
    ExecutionTarget target = launch.run(out);
    List<String> changes = snapshot.changes();
    if (!changes.isEmpty()) {
      snapshot.restore();
    }
    return inspect(kernel, seed, "first run", target, out, expected, changes, tile);
  }

  /** Checks an output as it is, without running anything: the re-check after a benchmark loop. */
  public static CheckReport inspect(
      String kernel,
      long seed,
      String stage,
      ExecutionTarget target,
      float[] out,
      Expected expected,
      List<String> inputChanges,
      Tile tile) {
    OutputLayout layout = expected.layout();
    double[] ref = expected.values();
    double[] bounds = expected.bounds();
    int cols = layout.cols();
    TileErrorMap map = new TileErrorMap(layout.rows(), cols, tile);
    EdgeTracker edges = new EdgeTracker(layout.rows(), cols, tile);
    List<Mismatch> shown = new ArrayList<>();
    int wrong = 0, unwritten = 0, nans = 0, infinities = 0;
    double maxAbs = 0, maxRel = 0, worst = 0;
    boolean onlyZeros = true;
    boolean referenceIsZero = true;

    for (int i = 0; i < out.length; i++) {
      float actual = out[i];
      Mismatch.Kind failure = null;
      double ratio;
      if (Poison.isPoison(actual)) {
        failure = Mismatch.Kind.NEVER_WRITTEN;
        unwritten++;
        ratio = Double.POSITIVE_INFINITY;
      } else if (Float.isNaN(actual)) {
        failure = Mismatch.Kind.NAN;
        nans++;
        ratio = Double.POSITIVE_INFINITY;
      } else if (Float.isInfinite(actual)) {
        failure = Mismatch.Kind.INFINITE;
        infinities++;
        ratio = Double.POSITIVE_INFINITY;
      } else {
        double error = Math.abs(actual - ref[i]);
        maxAbs = Math.max(maxAbs, error);
        if (Math.abs(ref[i]) >= RELATIVE_ERROR_FLOOR * bounds[i] && ref[i] != 0) {
          maxRel = Math.max(maxRel, error / Math.abs(ref[i]));
        }
        ratio = bounds[i] > 0 ? error / bounds[i] : (error == 0 ? 0 : Double.POSITIVE_INFINITY);
        if (error > bounds[i]) {
          failure = Mismatch.Kind.WRONG_VALUE;
          wrong++;
        }
      }
      worst = Math.max(worst, ratio);
      onlyZeros &= actual == 0;
      referenceIsZero &= Math.abs(ref[i]) <= bounds[i];
      map.record(i / cols, i % cols, ratio, failure);
      if (failure != null) {
        edges.fail(i / cols, i % cols);
        if (shown.size() < SHOWN_MISMATCHES) {
          shown.add(new Mismatch(i, layout.describe(i), failure, actual, ref[i], bounds[i]));
        }
      }
    }
    int failed = wrong + unwritten + nans + infinities;
    return new CheckReport(
        kernel,
        seed,
        stage,
        target,
        layout,
        expected.rule(),
        failed,
        wrong,
        unwritten,
        nans,
        infinities,
        maxAbs,
        maxRel,
        worst,
        List.copyOf(shown),
        onlyZeros && !referenceIsZero,
        List.copyOf(inputChanges),
        edges.hint(),
        map);
  }

  /** Notices when every failure lies in the partial tiles of the right or bottom edge. */
  private static final class EdgeTracker {
    private final int rows, cols, fullRows, fullCols;
    private final Tile tile;
    private int failures, inRightEdge, inBottomEdge, inEitherEdge;

    EdgeTracker(int rows, int cols, Tile tile) {
      this.rows = rows;
      this.cols = cols;
      this.tile = tile;
      this.fullRows = rows / tile.rows() * tile.rows();
      this.fullCols = cols / tile.cols() * tile.cols();
    }

    void fail(int row, int col) {
      failures++;
      boolean right = col >= fullCols;
      boolean bottom = row >= fullRows;
      inRightEdge += right ? 1 : 0;
      inBottomEdge += bottom ? 1 : 0;
      inEitherEdge += right || bottom ? 1 : 0;
    }

    String hint() {
      if (failures == 0 || !tile.tiled() || inEitherEdge < failures) {
        return null;
      }
      List<String> edges = new ArrayList<>();
      if (inRightEdge > 0) {
        edges.add(String.format("the last %d columns (col ≥ %d)", cols - fullCols, fullCols));
      }
      if (inBottomEdge > 0) {
        edges.add(String.format("the last %d rows (row ≥ %d)", rows - fullRows, fullRows));
      }
      return "every failing element lies in "
          + String.join(" or ", edges)
          + ", the partial tiles at the edge: look at how the kernel handles a size that is not a "
          + "multiple of its tile ("
          + tile
          + ")";
    }
  }
}
