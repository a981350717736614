package dev.kernelplayground.report;

import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.HorizontalAlign;
import dev.kernelplayground.ada.GpuSpec;
import dev.kernelplayground.ada.Roofline;
import dev.kernelplayground.bench.Clock;
import dev.kernelplayground.bench.Timing;
import dev.kernelplayground.run.TrialResult;
import java.util.List;

/**
 * The check-and-timing table: one row per kernel with its verdict, where it ran, its times and its
 * throughput. A GPU timing is shown as a percentage of that GPU's roofline; a CPU timing never is.
 */
public final class TimingTable {
  private TimingTable() {}

  /**
   * @param gpu the GPU whose roofline GPU timings are compared with (the device they ran on)
   */
  public static String text(List<TrialResult> results, GpuSpec gpu) {
    return AsciiTable.getTable(
        AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS,
        results,
        List.of(
            new Column().header("kernel").dataAlign(HorizontalAlign.LEFT).with(r -> r.kernelCase().kernel()),
            new Column().header("problem").dataAlign(HorizontalAlign.LEFT).with(r -> r.kernelCase().problem().describe()),
            new Column().header("ran on").dataAlign(HorizontalAlign.LEFT).with(r -> r.check().target().label()),
            new Column().header("check").with(TimingTable::verdict),
            new Column().header("median").dataAlign(HorizontalAlign.RIGHT).with(r -> time(r, Timing::median)),
            new Column().header("min").dataAlign(HorizontalAlign.RIGHT).with(r -> time(r, Timing::min)),
            new Column().header("max").dataAlign(HorizontalAlign.RIGHT).with(r -> time(r, Timing::max)),
            new Column().header("GFLOP/s").dataAlign(HorizontalAlign.RIGHT).with(r -> r.timing() == null ? "—" : String.format("%.3g", r.timing().gflops())),
            new Column().header("GB/s").dataAlign(HorizontalAlign.RIGHT).with(r -> r.timing() == null ? "—" : String.format("%.3g", r.timing().gigabytesPerSecond())),
            new Column().header("vs roofline").dataAlign(HorizontalAlign.LEFT).with(r -> roofline(r, gpu))));
  }

  static String verdict(TrialResult r) {
    if (!r.check().passed()) {
      return "FAIL";
    }
    if (r.recheck() != null && !r.recheck().passed()) {
      return "FAIL after timing";
    }
    return "PASS";
  }

  private static String time(TrialResult r, java.util.function.ToDoubleFunction<Timing> which) {
    return r.timing() == null ? "—" : Units.seconds(which.applyAsDouble(r.timing()));
  }

  /** "63% of RTX 4090" on a GPU; on the CPU, a label that says why there is no percentage. */
  static String roofline(TrialResult r, GpuSpec gpu) {
    Timing t = r.timing();
    if (t == null) {
      return "—";
    }
    if (!t.target().gpu()) {
      return (t.clock() == Clock.WALL_CLOCK ? "CPU" : t.clock().label()) + " timing: not a GPU figure";
    }
    double percent =
        Roofline.percentOfRoofline(
            gpu, r.kernelCase().precision(), t.workload().flops(), t.workload().bytes(), t.median());
    return String.format("%.0f%% of %s", percent, gpu.name());
  }
}
