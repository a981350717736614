package dev.kernelplayground.report;

import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.HorizontalAlign;
import dev.kernelplayground.ada.GpuSpec;
import dev.kernelplayground.ada.Roofline;
import dev.kernelplayground.ada.RooflineBound;
import dev.kernelplayground.bench.Workload;
import dev.kernelplayground.run.KernelCase;
import java.util.List;

/**
 * What the roofline says a GPU could do at best on each kernel's problem: its arithmetic intensity, which
 * roof binds, and the shortest possible time. A bound computed from the spec sheet, never a measurement.
 */
public final class RooflineProjection {
  private RooflineProjection() {}

  public static String text(List<KernelCase> cases, GpuSpec gpu) {
    return AsciiTable.getTable(
        AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS,
        cases,
        List.of(
            new Column().header("kernel").dataAlign(HorizontalAlign.LEFT).with(KernelCase::kernel),
            new Column().header("FLOPs").dataAlign(HorizontalAlign.RIGHT).with(c -> String.format("%.3g", c.problem().workload().flops())),
            new Column().header("bytes").dataAlign(HorizontalAlign.RIGHT).with(c -> String.format("%.3g", c.problem().workload().bytes())),
            new Column().header("FLOP/byte").dataAlign(HorizontalAlign.RIGHT).with(c -> String.format("%.3g", c.problem().workload().intensity())),
            new Column().header("bound on " + gpu.name()).dataAlign(HorizontalAlign.LEFT).with(c -> bound(c, gpu)),
            new Column().header("fastest possible").dataAlign(HorizontalAlign.RIGHT).with(c -> Units.seconds(fastest(c, gpu)))));
  }

  static String bound(KernelCase c, GpuSpec gpu) {
    Workload w = c.problem().workload();
    return Roofline.bound(gpu, c.precision(), w.intensity()) == RooflineBound.MEMORY
        ? String.format("memory (%.0f GB/s)", gpu.memoryBandwidthGBps())
        : String.format("compute (%.1f TFLOP/s %s)", gpu.peakFlops(c.precision()) * 1e-12, c.precision().label());
  }

  static double fastest(KernelCase c, GpuSpec gpu) {
    Workload w = c.problem().workload();
    return Roofline.minimumSeconds(gpu, c.precision(), w.flops(), w.bytes());
  }
}
