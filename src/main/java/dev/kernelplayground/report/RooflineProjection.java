package dev.kernelplayground.report;

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
    return TextTable.of(cases)
        .left("kernel", KernelCase::kernel)
        .right("FLOPs", c -> String.format("%.3g", c.problem().workload().flops()))
        .right("bytes", c -> String.format("%.3g", c.problem().workload().bytes()))
        .right("FLOP/byte", c -> String.format("%.3g", c.problem().workload().intensity()))
        .left("bound on " + gpu.name(), c -> bound(c, gpu))
        .right("fastest possible", c -> Units.seconds(fastest(c, gpu)))
        .text();
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
