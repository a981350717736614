package dev.kernelplayground.report;

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
    return TextTable.of(results)
        .left("kernel", r -> r.kernelCase().kernel())
        .left("problem", r -> r.kernelCase().problem().describe())
        .left("ran on", r -> r.check().target().label())
        .column("check", TimingTable::verdict)
        .right("median", r -> time(r, Timing::median))
        .right("min", r -> time(r, Timing::min))
        .right("max", r -> time(r, Timing::max))
        .right("GFLOP/s", r -> r.timing() == null ? "—" : String.format("%.3g", r.timing().gflops()))
        .right("GB/s", r -> r.timing() == null ? "—" : String.format("%.3g", r.timing().gigabytesPerSecond()))
        .left("vs roofline", r -> roofline(r, gpu))
        .text();
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
