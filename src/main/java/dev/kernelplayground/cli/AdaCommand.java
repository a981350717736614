package dev.kernelplayground.cli;

import dev.kernelplayground.ada.AdaGpus;
import dev.kernelplayground.ada.GpuSpec;
import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.ada.Roofline;
import dev.kernelplayground.ada.SmLimits;
import dev.kernelplayground.report.TextTable;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kp ada}: the RTX 4090's published figures and the SM limits of compute capability 8.9. */
@Command(
    name = "ada",
    description = {
      "Facts about NVIDIA Ada Lovelace (sm_89): the RTX 4090's cores, clocks, peak rates and memory,",
      "and the per-SM limits that decide occupancy. --compare puts all known Ada parts side by side."
    })
public final class AdaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--compare", description = "Compare all known Ada parts in one table.")
  boolean compare;

  @Mixin GpuOption gpu;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (compare) {
      out.println("Ada Lovelace parts (dense tensor rates in TFLOPS; FP32 acc = FP32 accumulate)");
      out.println(compareTable(AdaGpus.all()));
    } else {
      GpuSpec gpuSpec = gpu.spec();
      out.println(gpuSpec.name() + " (" + gpuSpec.chip() + ", compute capability " + gpuSpec.computeCapability() + ")");
      out.println(factsTable(gpuSpec));
      SmLimits sm = SmLimits.SM_89;
      out.println("Limits of one SM, compute capability " + sm.computeCapability());
      out.println(limitsTable(sm));
    }
    out.flush();
    return 0;
  }

  static String factsTable(GpuSpec s) {
    List<String[]> rows = new ArrayList<>();
    rows.add(row("Chip", s.chip() + " (" + s.smCount() + " of " + s.chipSmCount() + " SMs enabled)"));
    rows.add(row("Segment", s.segment().label()));
    rows.add(row("SMs", String.valueOf(s.smCount())));
    rows.add(row("FP32 lanes (CUDA cores)", group(s.fp32Lanes()) + " (" + s.fp32Lanes() / s.smCount() + " per SM)"));
    rows.add(row("Tensor cores (4th gen)", group(s.tensorCores()) + " (" + s.tensorCores() / s.smCount() + " per SM)"));
    rows.add(row("Boost clock", figure(s.boostClockGhz()) + " GHz"));
    for (Precision p : Precision.values()) {
      String value = String.format(Locale.ROOT, "%.2f TFLOPS", s.peakFlops(p) / 1e12);
      rows.add(row("Peak " + p.label(), value));
    }
    rows.add(row("Memory", s.memoryGB() + " GB " + s.memoryType()));
    double gbps = s.memoryBandwidthGBps();
    rows.add(row("Memory bandwidth", (gbps == Math.rint(gbps) ? group((long) gbps) : figure(gbps)) + " GB/s"));
    rows.add(row("L2 cache", s.l2CacheMB() + " MB"));
    rows.add(row("Board power", s.tdpWatts() + " W"));
    rows.add(row("FP32 ridge point", String.format(Locale.ROOT, "%.1f FLOP/byte",
        Roofline.ridgeIntensity(s, Precision.FP32))));
    return TextTable.cells(rows, "Property", "Value");
  }

  static String limitsTable(SmLimits sm) {
    List<String[]> rows = new ArrayList<>();
    rows.add(row("Warp size", sm.warpSize() + " threads"));
    rows.add(row("Max threads per block", group(sm.maxThreadsPerBlock())));
    rows.add(row("Max resident threads per SM", group(sm.maxThreadsPerSm()) + " (" + sm.maxWarpsPerSm() + " warps)"));
    rows.add(row("Max resident blocks per SM", String.valueOf(sm.maxBlocksPerSm())));
    rows.add(row("32-bit registers per SM", group(sm.registersPerSm()) + " (" + sm.subPartitions() + " x "
        + group(sm.registersPerSubPartition()) + ")"));
    rows.add(row("Max registers per block", group(sm.maxRegistersPerBlock())));
    rows.add(row("Max registers per thread", String.valueOf(sm.maxRegistersPerThread())));
    rows.add(row("Register allocation unit", sm.registerAllocationUnit() + " registers per warp"));
    rows.add(row("Sub-partitions (warp schedulers)", String.valueOf(sm.subPartitions())));
    rows.add(row("L1 + shared memory per SM", kb(sm.l1AndSharedPerSmBytes())));
    rows.add(row("Max shared memory per SM", kb(sm.maxSharedPerSmBytes())));
    rows.add(row("Shared memory per block", kb(sm.sharedPerBlockBytes()) + " default"));
    rows.add(row("Shared memory per block, opt-in", kb(sm.sharedPerBlockOptInBytes())));
    rows.add(row("Shared memory allocation unit", sm.sharedAllocationUnitBytes() + " B"));
    rows.add(row("Shared memory reserved per block", kb(sm.reservedSharedPerBlockBytes())));
    rows.add(row("Shared memory carveouts", sm.carveoutStepsBytes().stream()
        .map(b -> String.valueOf(b / 1024)).collect(Collectors.joining(", ")) + " KB"));
    return TextTable.cells(rows, "Limit", "Value");
  }

  static String compareTable(List<GpuSpec> specs) {
    List<String[]> rows = new ArrayList<>();
    for (GpuSpec s : specs) {
      rows.add(new String[] {
        s.name(),
        s.chip(),
        s.smCount() + "/" + s.chipSmCount(),
        figure(s.boostClockGhz()),
        figure(s.fp32Tflops()),
        figure(s.fp16TensorTflopsFp32Acc()),
        figure(s.fp16TensorTflopsFp16Acc()),
        figure(s.fp8TensorTflopsFp32Acc()),
        s.memoryGB() + " GB " + s.memoryType(),
        figure(s.memoryBandwidthGBps()),
        String.valueOf(s.l2CacheMB()),
        String.valueOf(s.tdpWatts()),
        String.format(Locale.ROOT, "%.1f", Roofline.ridgeIntensity(s, Precision.FP32))
      });
    }
    return TextTable.cells(rows,
        "GPU", "Chip", "SMs", "Boost GHz", "FP32 TFLOPS", "FP16 TC FP32 acc", "FP16 TC FP16 acc", "FP8 TC FP32 acc",
        "Memory", "GB/s", "L2 MB", "Power W", "FP32 ridge FLOP/B");
  }

  private static String[] row(String name, String value) {
    return new String[] {name, value};
  }

  /** A published figure as printed: 82.6, 1008, 362.05. */
  private static String figure(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static String group(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  private static String kb(int bytes) {
    return (bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " B") + " (" + group(bytes) + " B)";
  }
}
