package dev.kernelplayground.cli;

import dev.kernelplayground.ada.GpuSpec;
import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.ada.Roofline;
import dev.kernelplayground.ada.RooflineBound;
import dev.kernelplayground.report.TextTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kp roofline}: the best performance a kernel of given arithmetic intensity can reach on an Ada GPU. */
@Command(
    name = "roofline",
    description = {
      "Roofline of an Ada GPU: attainable FLOP/s = min(peak, intensity x DRAM bandwidth),",
      "and whether a kernel of that arithmetic intensity (FLOP per DRAM byte) is memory- or compute-bound."
    })
public final class RooflineCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-i", "--intensity"},
      required = true,
      paramLabel = "FLOP/B",
      description = "Arithmetic intensity: FLOPs per byte of DRAM traffic.")
  double intensity;

  @Option(
      names = {"-p", "--precision"},
      defaultValue = "fp32",
      paramLabel = "P",
      description = "Precision (default: ${DEFAULT-VALUE}); one of: fp64, fp32, fp16, tf32, fp16-tensor, "
          + "fp16-tensor-fp16-acc, bf16, fp8.")
  String precision;

  @Mixin GpuOption gpu;

  @Override
  public Integer call() {
    if (!(intensity >= 0) || Double.isInfinite(intensity)) {
      throw new ParameterException(spec.commandLine(), "Invalid --intensity " + intensity + ": must be a number >= 0 (FLOP per byte)");
    }
    Precision p = Precision.find(precision).orElseThrow(() -> new ParameterException(spec.commandLine(),
        "Unknown precision '" + precision + "'; use one of " + Precision.cliNames()));
    GpuSpec s = gpu.spec();

    double peak = s.peakFlops(p);
    double attainable = Roofline.attainableFlops(s, p, intensity);
    double ridge = Roofline.ridgeIntensity(s, p);
    RooflineBound bound = Roofline.bound(s, p, intensity);

    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"GPU", s.name()});
    rows.add(new String[] {"Precision", p.label()});
    rows.add(new String[] {"Peak compute", tflops(peak)});
    rows.add(new String[] {"DRAM bandwidth", bandwidth(s.memoryBandwidthGBps())});
    rows.add(new String[] {"Ridge point", String.format(Locale.ROOT, "%.1f FLOP/byte", ridge)});
    rows.add(new String[] {"Arithmetic intensity", String.format(Locale.ROOT, "%s FLOP/byte", plain(intensity))});
    rows.add(new String[] {"Attainable", tflops(attainable)
        + String.format(Locale.ROOT, " (%.1f%% of peak)", 100.0 * attainable / peak)});
    rows.add(new String[] {"Bound", bound.label()});

    PrintWriter out = spec.commandLine().getOut();
    out.println(TextTable.cells(rows, "Roofline", "Value"));
    if (bound == RooflineBound.MEMORY) {
      out.println(String.format(Locale.ROOT,
          "Memory-bound: DRAM feeds at most %s; a kernel needs %.1f FLOP/byte or more to reach the compute peak.",
          tflops(attainable), ridge));
    } else {
      out.println(String.format(Locale.ROOT,
          "Compute-bound: at %s FLOP/byte the arithmetic units, not DRAM, are the ceiling (%s).",
          plain(intensity), tflops(peak)));
    }
    out.flush();
    return 0;
  }

  private static String tflops(double flops) {
    return String.format(Locale.ROOT, "%.2f TFLOPS", flops / 1e12);
  }

  private static String bandwidth(double gbps) {
    return gbps == Math.rint(gbps)
        ? String.format(Locale.ROOT, "%,d GB/s", (long) gbps)
        : String.format(Locale.ROOT, "%,.1f GB/s", gbps);
  }

  private static String plain(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
