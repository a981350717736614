package dev.kernelplayground.jcuda;

import dev.kernelplayground.ada.AdaGpus;
import dev.kernelplayground.ada.GpuSpec;
import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.ada.SmLimits;
import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.bench.Timing;
import dev.kernelplayground.check.CheckReport;
import dev.kernelplayground.gpuopencl.JavaKernelsOnOpenCl;
import dev.kernelplayground.process.ChildRows;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The GPU verification report in Markdown: the machine, the GPU next to the RTX 4090, the checks, and the
 * benchmark matrix with % of cuBLAS and % of peak. Pure text from the results; nothing here touches the GPU.
 */
final class GpuReportMarkdown {
  private GpuReportMarkdown() {}

  static String render(
      CudaDeviceInfo gpu,
      List<String> availability,
      String cublasVersion,
      List<String> notes,
      List<MatrixRow> checks,
      List<MatrixRow> benchmarks,
      ChildRows<TorchBaseline.Row> torch,
      ChildRows<JavaKernelsOnOpenCl.Row> openCl,
      BenchConfig bench,
      long flushBytes,
      ZonedDateTime when) {
    double copyCeiling = copyBandwidth(benchmarks);
    StringBuilder md = new StringBuilder();
    md.append("# GPU verification: ").append(gpu.name()).append(", ")
        .append(when.format(DateTimeFormatter.ISO_LOCAL_DATE)).append("\n\n");
    md.append("Made by `tests/gpu/verify.sh` (`kp gpu-verify`) at ")
        .append(when.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
        .append(" with Java ").append(Runtime.version().feature()).append(" and JCuda 12.6.0.\n\n");

    md.append("## Machine\n\n");
    for (String line : availability) {
      md.append("- ").append(line.replaceAll("\\s+", " ")).append('\n');
    }
    if (cublasVersion != null) {
      md.append("- cuBLAS library version ").append(cublasVersion).append('\n');
    }
    md.append('\n');

    GpuSpec reference = AdaGpus.RTX_4090;
    md.append("## This GPU next to the ").append(reference.name()).append("\n\n");
    md.append("| | ").append(gpu.name()).append(" (driver) | ").append(reference.name())
        .append(" (published) |\n|---|---|---|\n");
    for (DeviceComparison.Row row : DeviceComparison.rows(gpu, reference, SmLimits.SM_89)) {
      md.append("| ").append(row.what()).append(" | ").append(row.thisGpu()).append(" | ")
          .append(row.reference()).append(" |\n");
    }
    md.append('\n');

    if (!notes.isEmpty()) {
      md.append("## Tests\n\n");
      for (String note : notes) {
        md.append("- ").append(note).append('\n');
      }
      md.append('\n');
    }

    md.append("## Checks\n\n");
    md.append("Random inputs, shapes that are not multiples of any tile, compared with the float64 reference; ")
        .append("checked on the first run and again after the timed runs.\n\n");
    md.append("| kernel | size | result | max rel. error | seed | ran on |\n|---|---|---|---|---|---|\n");
    for (MatrixRow row : checks) {
      md.append("| ").append(row.entry().kernel()).append(" | ").append(row.sizeLabel()).append(" | ")
          .append(result(row)).append(" | ").append(maxRel(row)).append(" | ").append(row.seed())
          .append(" | ").append(ranOn(row)).append(" |\n");
    }
    md.append('\n');

    md.append("## Benchmarks\n\n");
    md.append(String.format(Locale.ROOT,
        "CUDA-event timing of the kernel alone; before each of %d timed repeats (after %d warm-ups) the L2 "
            + "(%s) is flushed by writing %s, then the GPU is held 1 ms by a one-thread kernel so the host's "
            + "time to enqueue the work is not timed. Median of the repeats. %% of cuBLAS compares medians at the "
            + "same size; %% of peak is of FP32 peak (%s) for fp32 GEMMs, of the published tensor peak for "
            + "fp16 GEMMs on a known Ada part, and of this GPU's measured copy bandwidth (%s: the fastest "
            + "copy/01_copy row below, not clock × bus width) for memory-bound kernels.\n\n",
        bench.repeats(), bench.warmups(), DeviceComparison.mib(gpu.l2Bytes()), DeviceComparison.mib(flushBytes),
        DeviceComparison.tflops(gpu.peakFp32FlopsPerSecond()),
        copyCeiling > 0 ? DeviceComparison.gbps(copyCeiling) : "no passing copy row"));
    md.append("Softmax is also compared with the copy kernel's bandwidth on as many elements, attention with the "
        + "naive three-kernel version at the same shape (its speed-up).\n\n");
    md.append("| kernel | size | median | GFLOP/s | GB/s | % of cuBLAS | % of peak | compared with | check |\n")
        .append("|---|---|---|---|---|---|---|---|---|\n");
    Map<String, Double> baselines = baselines(benchmarks);
    for (MatrixRow row : benchmarks) {
      md.append("| ").append(row.entry().kernel()).append(" | ").append(row.sizeLabel()).append(" | ");
      Timing t = row.trial() == null ? null : row.trial().timing();
      if (t == null) {
        md.append("— | — | — | — | — | — | ").append(result(row)).append(" |\n");
        continue;
      }
      md.append(String.format(Locale.ROOT, "%.3f ms", t.median() * 1e3)).append(" | ")
          .append(t.workload().flops() > 0 ? String.format(Locale.ROOT, "%.0f", t.gflops()) : "—").append(" | ")
          .append(String.format(Locale.ROOT, "%.0f", t.gigabytesPerSecond())).append(" | ")
          .append(percentOfBaseline(row, baselines)).append(" | ")
          .append(percentOfPeak(row, gpu, copyCeiling)).append(" | ")
          .append(comparedWith(row, benchmarks)).append(" | ")
          .append(result(row)).append(" |\n");
    }
    md.append('\n');
    md.append(torch(torch, baselines, bench));
    md.append(openCl(openCl));
    md.append(SpeedGoals.markdown(
        SpeedGoals.evaluate(benchmarks, gpu.peakBandwidthBytesPerSecond(), gpu.smArch()), gpu.smArch()));
    return md.toString();
  }

  /**
   * The torch rows next to cuBLAS at the same sizes, or one line saying why there are none ("torch rows: not
   * run (no torch on this machine)").
   */
  static String torch(ChildRows<TorchBaseline.Row> torch, Map<String, Double> baselines, BenchConfig bench) {
    if (torch == null) {
      return "torch rows: not run yet\n\n";
    }
    if (GpuReport.withoutRows("torch rows", torch) != null) {
      return GpuReport.withoutRows("torch rows", torch).replace("|", "\\|") + "\n\n";
    }
    StringBuilder md = new StringBuilder("## torch.mm next to cuBLAS\n\n");
    md.append(String.format(Locale.ROOT,
        "PyTorch %s on %s, timed the same way by `torch_mm.py`: CUDA events around `torch.mm` alone, the same L2 "
            + "flush and about 1 ms of hold (`torch.cuda._sleep`) enqueued before the start event, %d warm-ups, "
            + "the median of %d repeats. fp32 with TF32 off; "
            + "fp16 in and out with fp32 accumulation (cuBLAS HGEMM above writes fp32). Checked against "
            + "`torch.mm` in float64 (error: max |out − ref| / max |ref|). %% of cuBLAS: cuBLAS's median over "
            + "torch's at the same size.%n%n",
        torch.header().get("torch"), torch.header().get("device"), bench.warmups(), bench.repeats()));
    md.append("| kernel | size | median | GFLOP/s | cuBLAS median | % of cuBLAS | error (tolerance) | seed |\n")
        .append("|---|---|---|---|---|---|---|---|\n");
    for (TorchBaseline.Row row : torch.rows()) {
      Double cublas = baselines.get(row.baseline() + " " + row.sizeLabel());
      md.append(String.format(Locale.ROOT, "| torch.mm %s | %s | %.3f ms | %.0f | %s | %s | %s %.1e (%.0e) | %d |%n",
          row.precision(), row.sizeLabel(), row.medianMs(), row.gflops(),
          cublas == null ? "no " + row.baseline() : String.format(Locale.ROOT, "%.3f ms", cublas * 1e3),
          cublas == null ? "—" : String.format(Locale.ROOT, "%.0f %%", 100 * cublas * 1e3 / row.medianMs()),
          row.passed() ? "passed" : "**failed**", row.maxRelError(), row.tolerance(), row.seed()));
    }
    return md.append('\n').toString();
  }

  /**
   * The Java lesson kernels on NVIDIA's OpenCL, checked, or one line saying why there are none ("Java kernels on
   * NVIDIA OpenCL: not run (no libnvidia-opencl.so.1 found: ..., looked in ...)").
   */
  static String openCl(ChildRows<JavaKernelsOnOpenCl.Row> openCl) {
    String what = "Java kernels on NVIDIA OpenCL";
    if (openCl == null) {
      return what + ": not run yet\n\n";
    }
    if (GpuReport.withoutRows(what, openCl) != null) {
      return GpuReport.withoutRows(what, openCl).replace("|", "\\|") + "\n\n";
    }
    StringBuilder md = new StringBuilder("## Java lesson kernels on NVIDIA OpenCL\n\n");
    md.append("Every Aparapi lesson kernel on ").append(openCl.header().get("device")).append(" (")
        .append(openCl.header().get("vendor")).append("), through ").append(openCl.header().get(JavaKernelsOnOpenCl.ICD))
        .append(". Odd shapes, fresh seeds, checked against the float64 reference, run again and re-checked. ")
        .append("The time is the wall clock of Aparapi's `execute`, copies to and from the GPU included: not a ")
        .append("kernel time.\n\n");
    md.append("| kernel | size | result | max rel. error | median (wall clock) | seed | ran on |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (JavaKernelsOnOpenCl.Row row : openCl.rows()) {
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d | %s |%n", row.kernel(), row.size(),
          row.passed() ? "passed" : "**failed**: " + String.valueOf(row.error()).replace("|", "\\|").replace("\n", " "),
          Double.isNaN(row.maxRelError()) ? "—" : String.format(Locale.ROOT, "%.2e", row.maxRelError()),
          Double.isNaN(row.medianMs()) ? "—" : String.format(Locale.ROOT, "%.3f ms", row.medianMs()),
          row.seed(), row.ranOn() == null ? "—" : row.ranOn()));
    }
    return md.append('\n').toString();
  }

  /**
   * "Measured / bound (a lower bound from counted traffic)": each counted kernels/ file's median next to the bound
   * its emulator counts give for this GPU, or one line saying why there is no such table.
   */
  static String bounds(CountedBounds.Section section) {
    StringBuilder md = new StringBuilder("## Measured / bound (a lower bound from counted traffic)\n\n");
    if (section.countsMissing() != null) {
      return md.append("Not computed: ").append(section.countsMissing()).append("\n\n").toString();
    }
    GpuSpec gpu = section.gpu();
    md.append("Each kernels/ file at the size the emulator profiled it (`").append(section.countsFile().getFileName())
        .append("`, inputs from seed ").append(section.seed()).append("), timed like the benchmarks above. The bound ")
        .append("is the least time this GPU needs for the counted traffic (not a measurement, not a prediction): ");
    if (gpu == null) {
      md.append("not computed: ").append(section.noBound()).append(".\n\n");
    } else {
      md.append(String.format(Locale.ROOT, "%d SMs at %.0f MHz (the highest SM clock it runs), FP32 %.1f TFLOP/s, "
              + "FP16 tensor %.1f TFLOP/s, DRAM %s (the measured copy bandwidth), L1 and shared memory 128 B per SM "
              + "per clock. DRAM bytes: what the first kernel reads after the L2 flush, and what a kernel writes "
              + "beyond the L2 (%s). A ratio below 1 means a count or a rate is wrong.%n%n",
          gpu.smCount(), gpu.boostClockGhz() * 1e3, gpu.fp32Tflops(), gpu.fp16TensorTflopsFp16Acc(),
          DeviceComparison.gbps(gpu.memoryBandwidthBytesPerSecond()), gpu.l2CacheMB() + " MiB"));
    }
    md.append("| kernel | size | measured | bound | measured / bound | binding term |\n|---|---|---|---|---|---|\n");
    for (CountedBounds.Row row : section.rows()) {
      md.append("| ").append(row.file()).append(" | ").append(row.sizeLabel()).append(" | ");
      if (row.error() != null) {
        md.append("not measured: ").append(row.error().replace("|", "\\|")).append(" | — | — | — |\n");
        continue;
      }
      md.append(String.format(Locale.ROOT, "%.2f µs", row.measuredSeconds() * 1e6)).append(" | ");
      if (Double.isNaN(row.boundSeconds())) {
        md.append("— | — | — |\n");
        continue;
      }
      md.append(String.format(Locale.ROOT, "%.2f µs | %s%.2f%s | %s |%n", row.boundSeconds() * 1e6,
          row.beatsBound() ? "**" : "", row.ratio(), row.beatsBound() ? " (beats its bound)**" : "", row.limiters()));
    }
    return md.append('\n').toString();
  }

  /** Median seconds of each baseline kernel by size: "cublas_sgemm 1024×1024×1024" → seconds. */
  static Map<String, Double> baselines(List<MatrixRow> rows) {
    Map<String, Double> medians = new HashMap<>();
    for (MatrixRow row : rows) {
      if (row.passed() && row.entry().kernel().equals(row.entry().comparison().baseline())) {
        medians.put(row.entry().comparison().baseline() + " " + row.sizeLabel(), row.medianSeconds());
      }
    }
    return medians;
  }

  /** cuBLAS's median over this kernel's, as a percentage: 50 % means twice as slow as cuBLAS. */
  static String percentOfBaseline(MatrixRow row, Map<String, Double> baselines) {
    String baseline = row.entry().comparison().baseline();
    if (baseline == null || !row.passed()) {
      return "—";
    }
    Double seconds = baselines.get(baseline + " " + row.sizeLabel());
    return seconds == null ? "no cuBLAS" : String.format(Locale.ROOT, "%.0f %%", 100 * seconds / row.medianSeconds());
  }

  /**
   * The bandwidth ceiling of memory-bound kernels: the copy kernel's best measured bandwidth among the passing
   * rows (bytes/s), or 0 when no copy row passed.
   */
  static double copyBandwidth(List<MatrixRow> rows) {
    return rows.stream()
        .filter(r -> r.passed() && r.entry().kernel().equals(LibraryMatrix.COPY) && r.trial().timing() != null)
        .mapToDouble(r -> r.trial().timing().gigabytesPerSecond() * 1e9)
        .max()
        .orElse(0);
  }

  /** % of this GPU's peak: FLOP/s peaks for GEMMs and attention, {@code copyCeiling} (bytes/s) for the rest. */
  static String percentOfPeak(MatrixRow row, CudaDeviceInfo gpu, double copyCeiling) {
    Timing t = row.trial().timing();
    double percent =
        switch (row.entry().comparison()) {
          case PEAK_BANDWIDTH, COPY_BANDWIDTH ->
              copyCeiling > 0 ? 100 * t.gigabytesPerSecond() * 1e9 / copyCeiling : Double.NaN;
          case NAIVE_ATTENTION ->
              row.trial().precision() == Precision.FP32
                  ? 100 * t.gflops() * 1e9 / gpu.peakFp32FlopsPerSecond()
                  : gpu.publishedSpec()
                      .map(spec -> 100 * t.gflops() * 1e9 / spec.peakFlops(row.trial().precision()))
                      .orElse(Double.NaN);
          case CUBLAS_SGEMM -> 100 * t.gflops() * 1e9 / gpu.peakFp32FlopsPerSecond();
          case CUBLAS_HGEMM ->
              gpu.publishedSpec()
                  .map(spec -> 100 * t.gflops() * 1e9 / spec.peakFlops(Precision.FP16_TENSOR_FP32_ACC))
                  .orElse(Double.NaN);
        };
    return Double.isFinite(percent) ? String.format(Locale.ROOT, "%.0f %%", percent) : "—";
  }

  /**
   * Softmax: its bandwidth as a percentage of the copy kernel's on as many elements. Attention: its speed-up
   * over the naive version at the same shape ("6.2× naive"). Otherwise "—".
   */
  static String comparedWith(MatrixRow row, List<MatrixRow> rows) {
    if (!row.passed()) {
      return "—";
    }
    switch (row.entry().comparison()) {
      case COPY_BANDWIDTH -> {
        long elements = elements(row.size());
        for (MatrixRow copy : rows) {
          if (copy.passed() && copy.entry().kernel().equals(LibraryMatrix.COPY) && elements(copy.size()) == elements) {
            return String.format(Locale.ROOT, "%.0f %% of copy",
                100 * row.trial().timing().gigabytesPerSecond() / copy.trial().timing().gigabytesPerSecond());
          }
        }
        return "no copy at this size";
      }
      case NAIVE_ATTENTION -> {
        for (MatrixRow naive : rows) {
          if (naive.passed() && naive.entry().kernel().equals(LibraryMatrix.NAIVE_ATTENTION)
              && java.util.Arrays.equals(naive.size(), row.size())) {
            return String.format(Locale.ROOT, "%.1f× naive", naive.medianSeconds() / row.medianSeconds());
          }
        }
        return "no naive at this shape";
      }
      default -> {
        return "—";
      }
    }
  }

  private static long elements(int[] size) {
    long n = 1;
    for (int s : size) {
      n *= s;
    }
    return n;
  }

  private static String result(MatrixRow row) {
    if (row.error() != null) {
      return "error: " + row.error().lines().findFirst().orElse("").replace("|", "\\|");
    }
    if (row.passed()) {
      return "passed";
    }
    CheckReport failed = row.trial().check().passed() ? row.trial().recheck() : row.trial().check();
    return "**failed** (" + failed.stage() + "): "
        + String.join("; ", failed.findings()).replace("|", "\\|").replace("\n", " ");
  }

  private static String maxRel(MatrixRow row) {
    if (row.trial() == null) {
      return "—";
    }
    return String.format(Locale.ROOT, "%.2e", row.trial().check().maxRelError());
  }

  private static String ranOn(MatrixRow row) {
    return row.trial() == null ? "—" : row.trial().check().target().label();
  }
}
