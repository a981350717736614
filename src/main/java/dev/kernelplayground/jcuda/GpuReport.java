package dev.kernelplayground.jcuda;

import dev.kernelplayground.ada.GpuSpec;
import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.gpuopencl.IcdVendors;
import dev.kernelplayground.gpuopencl.JavaKernelsOnOpenCl;
import dev.kernelplayground.process.ChildRows;
import dev.kernelplayground.problem.ProblemFamilies;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.profile.TrafficCounts;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The GPU verification run: opens GPU 0, runs the checks (cuBLAS and every kernels/ file on odd shapes) and
 * the benchmark matrix, and writes docs/gpu-reports/DATE-GPU.md. {@code kp gpu-verify} (its options are
 * declared there) runs it, and tests/gpu/verify.sh runs that.
 *
 * <p>Exit status: 0 when every check and benchmark row passed (or there is no GPU and a GPU was not
 * required), 1 when a kernel failed its check or a GPU call failed, 3 when there is no usable GPU and one was
 * required.
 *
 * @see Options
 */
public final class GpuReport {
  /**
   * What to run and where the report goes.
   *
   * @param out the folder of the report
   * @param quick small sizes, a smoke test
   * @param requireGpu no usable GPU is a failure (exit status 3), not "nothing to verify"
   * @param notes lines written into the report as they are
   * @param strict a run that proves less than it could is a failure (exit status 1): a check or benchmark row
   *     that did not run (a kernels/ file among them), no cuBLAS baseline, a speed goal not measured, no counts
   *     file, a measurement below its lower bound from counted traffic
   * @param counts the emulator's counts ({@link TrafficCounts}); null: {@value TrafficCounts#FILE_NAME} beside the jar
   */
  public record Options(
      Path out, boolean quick, boolean requireGpu, List<String> notes, boolean strict, Path counts) {
    public Options {
      notes = List.copyOf(notes);
    }

    public Options(Path out, boolean quick, boolean requireGpu, List<String> notes, boolean strict) {
      this(out, quick, requireGpu, notes, strict, null);
    }

    public Options(Path out, boolean quick, boolean requireGpu, List<String> notes) {
      this(out, quick, requireGpu, notes, false);
    }
  }

  private GpuReport() {}

  /** Runs the verification, printing to {@code out} and {@code err}; returns the exit status. */
  public static int run(Options options, PrintStream out, PrintStream err) {
    Probe driver = CudaAvailability.driver();
    if (!driver.present()) {
      if (options.requireGpu()) {
        err.println("GpuReport: a GPU was expected, but CUDA cannot use one here: " + driver.detail());
        CudaAvailability.summary().forEach(line -> err.println("  " + line));
        return 3;
      }
      out.println("no NVIDIA GPU: " + driver.detail() + " — nothing to verify");
      CudaAvailability.summary().forEach(line -> out.println("  " + line));
      return 0;
    }
    try (GpuSession session = GpuSession.open()) {
      out.println("GPU: " + session.device().label());
      BenchConfig checkBench = new BenchConfig(1, 3);
      BenchConfig bench = BenchConfig.DEFAULT;
      ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
      Path file = options.out().resolve(fileName(now, session.device().name()));
      Files.createDirectories(options.out());
      out.println("checks:");
      List<MatrixRow> checks = BenchmarkMatrix.run(session, GpuMatrices.checks(session), checkBench, out);
      // The report is written now and after every benchmark entry, so a run cut short still leaves one.
      List<MatrixEntry> entries = GpuMatrices.benchmarks(session, options.quick());
      List<MatrixRow> benchmarks = new ArrayList<>();
      Results results = new Results(checks, benchmarks, null, null);
      write(file, session, options, results, bench, now, entries.size());
      out.println("report (checks; the benchmarks follow): " + file);
      out.println("torch.mm (python3 " + TorchBaseline.SCRIPT + "), the cross-check of cuBLAS:");
      ChildRows<TorchBaseline.Row> torch = TorchBaseline.run(
          ProblemFamilies.MATMUL.benchSizes(options.quick()), bench, session.flush().bytes(), RandomInputs.newSeed());
      printTorch(torch, out);
      results = new Results(checks, benchmarks, torch, null);
      write(file, session, options, results, bench, now, entries.size());
      out.println("benchmarks:");
      for (int i = 0; i < entries.size(); i++) {
        benchmarks.addAll(BenchmarkMatrix.run(session, List.of(entries.get(i)), bench, out));
        write(file, session, options, results, bench, now, entries.size() - i - 1);
      }
      out.println("lower bounds from counted traffic (the kernels/ files at the sizes the emulator counted):");
      CountedBounds.Section bounds = bounds(session, options.counts(), benchmarks, bench, out);
      results = new Results(checks, benchmarks, torch, null, bounds);
      write(file, session, options, results, bench, now, 0);
      out.println("Java lesson kernels on NVIDIA's OpenCL (a child JVM, through the ICD loader):");
      ChildRows<JavaKernelsOnOpenCl.Row> openCl = JavaKernelsOnOpenCl.run(IcdVendors.Vendor.NVIDIA);
      printOpenCl(openCl, out);
      results = new Results(checks, benchmarks, torch, openCl, bounds);
      write(file, session, options, results, bench, now, 0);
      out.println("report: " + file);
      int status = 0;
      long failed = checks.stream().filter(r -> !r.passed()).count()
          + benchmarks.stream().filter(r -> !r.passed()).count()
          + torch.rows().stream().filter(r -> !r.passed()).count()
          + openCl.rows().stream().filter(r -> !r.passed()).count();
      if (failed > 0) {
        err.println("GpuReport: " + failed + " row(s) failed (checks, benchmarks, torch, Java kernels on OpenCL); see "
            + file);
        status = 1;
      }
      if (options.strict()) {
        List<String> reasons = strictFailures(
            results, session.notes(), session.cublasMissing(),
            SpeedGoals.evaluate(
                benchmarks, session.device().peakBandwidthBytesPerSecond(), session.device().smArch()));
        reasons.forEach(reason -> err.println("strict: " + reason));
        if (!reasons.isEmpty()) {
          status = 1;
        }
      }
      out.println("summary: " + results.summary(session.device().name()));
      return status;
    } catch (CudaUnavailableException e) {
      err.println("GpuReport: no usable GPU: " + e.getMessage());
      return options.requireGpu() ? 3 : 0;
    } catch (IOException | RuntimeException e) {
      err.println("GpuReport: " + e.getMessage());
      return 1;
    }
  }

  /**
   * What the run has measured so far.
   *
   * @param torch the torch.mm cross-check, null until it ran
   * @param openCl the Java lesson kernels on NVIDIA's OpenCL, null until they ran
   */
  record Results(List<MatrixRow> checks, List<MatrixRow> benchmarks, ChildRows<TorchBaseline.Row> torch,
      ChildRows<JavaKernelsOnOpenCl.Row> openCl, CountedBounds.Section bounds) {
    Results(List<MatrixRow> checks, List<MatrixRow> benchmarks, ChildRows<TorchBaseline.Row> torch,
        ChildRows<JavaKernelsOnOpenCl.Row> openCl) {
      this(checks, benchmarks, torch, openCl, null);
    }

    /**
     * What ran on {@code device}, every kind of row counted: "12 checks, 40 benchmark rows, 6 torch.mm rows,
     * 40 Java kernel rows on OpenCL and 30 kernels/ files measured against their counted bound ran on NVIDIA H200"; a kind that did not run counts 0.
     */
    String summary(String device) {
      long torchRows = torch == null ? 0 : torch.rows().size();
      long openClRows = openCl == null ? 0 : openCl.rows().size();
      long measuredBounds = bounds == null ? 0
          : bounds.rows().stream().filter(r -> !Double.isNaN(r.measuredSeconds())).count();
      return checks.stream().filter(r -> r.trial() != null).count() + " checks, "
          + benchmarks.stream().filter(r -> r.trial() != null).count() + " benchmark rows, "
          + torchRows + " torch.mm rows, " + openClRows + " Java kernel rows on OpenCL and "
          + measuredBounds + " kernels/ files measured against their counted bound ran on " + device;
    }
  }

  /** "torch rows: not run (no torch on this machine)", or "... FAILED: why"; null when there are rows. */
  static String withoutRows(String what, ChildRows<?> run) {
    if (run.notRun() != null) {
      return what + ": not run (" + run.notRun() + ")";
    }
    return run.failed() == null ? null : what + ": FAILED: " + run.failed();
  }

  private static void printTorch(ChildRows<TorchBaseline.Row> torch, PrintStream out) {
    if (withoutRows("torch rows", torch) != null) {
      out.println(withoutRows("torch rows", torch));
      return;
    }
    for (TorchBaseline.Row row : torch.rows()) {
      out.println(String.format(Locale.ROOT, "torch.mm %s %s: %s, %.3f ms", row.precision(), row.sizeLabel(),
          row.passed() ? "ok" : "WRONG (error " + row.maxRelError() + ", seed " + row.seed() + ")", row.medianMs()));
    }
  }

  private static void printOpenCl(ChildRows<JavaKernelsOnOpenCl.Row> openCl, PrintStream out) {
    if (withoutRows("Java kernels on NVIDIA OpenCL", openCl) != null) {
      out.println(withoutRows("Java kernels on NVIDIA OpenCL", openCl));
      return;
    }
    out.println("  on " + openCl.header().get("device") + " via " + openCl.header().get(JavaKernelsOnOpenCl.ICD));
    for (JavaKernelsOnOpenCl.Row row : openCl.rows()) {
      out.println(row.kernel() + " " + row.size() + " on OpenCL: "
          + (row.passed() ? "ok" : "WRONG (seed " + row.seed() + "): " + row.error()));
    }
  }

  private static void write(
      Path file, GpuSession session, Options options, Results results, BenchConfig bench, ZonedDateTime now,
      int entriesLeft) throws IOException {
    List<String> availability = new ArrayList<>(CudaAvailability.summary());
    availability.addAll(session.notes());
    if (session.cublasMissing() != null) {
      availability.add("no cuBLAS baseline in this report: " + session.cublasMissing());
    }
    List<String> notes = new ArrayList<>(options.notes());
    if (entriesLeft > 0) {
      notes.add("IN PROGRESS: " + entriesLeft + " benchmark entries still to run when this was written");
    }
    // which library served, as well as its version: cuBLAS 13 and 12 are both looked for
    String cublasVersion = session.cublas().map(c -> c.version() + " (" + c.library() + ")").orElse(null);
    String markdown = GpuReportMarkdown.render(
        session.device(), availability, cublasVersion, notes, results.checks(), results.benchmarks(),
        results.torch(), results.openCl(), bench, session.flush().bytes(), now)
        + (results.bounds() == null ? "" : GpuReportMarkdown.bounds(results.bounds()));
    Path partial = file.resolveSibling(file.getFileName() + ".part");
    Files.writeString(partial, markdown);
    Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Why a run proves less than it could, for {@code --strict}: rows that did not run (a kernels/ file that did
   * not compile, a GPU call that failed), the kernels/ library not run at all, no cuBLAS baseline, a speed goal
   * not measured. Empty when the run is complete.
   */
  static List<String> strictFailures(
      Results results, List<String> sessionNotes, String cublasMissing, List<SpeedGoals.Result> goals) {
    List<MatrixRow> checks = results.checks();
    List<MatrixRow> benchmarks = results.benchmarks();
    List<String> reasons = new ArrayList<>();
    for (String note : sessionNotes) {
      if (note.startsWith("the kernels/ library was not run")) {
        reasons.add(note);
      }
    }
    if (cublasMissing != null) {
      reasons.add("the cuBLAS baseline is missing: " + cublasMissing);
    }
    for (MatrixRow row : checks) {
      if (row.trial() == null) {
        reasons.add("check not run: " + row.entry().kernel() + " " + row.sizeLabel() + ": "
            + row.error().lines().findFirst().orElse(""));
      }
    }
    for (MatrixRow row : benchmarks) {
      if (row.trial() == null) {
        reasons.add("benchmark not run: " + row.entry().kernel() + " " + row.sizeLabel() + ": "
            + row.error().lines().findFirst().orElse(""));
      }
    }
    if (results.torch() != null && results.torch().failed() != null) {
      reasons.add("the torch rows failed: " + results.torch().failed());
    }
    if (results.openCl() != null && results.openCl().failed() != null) {
      reasons.add("the Java kernels on NVIDIA OpenCL failed: " + results.openCl().failed());
    }
    for (SpeedGoals.Result goal : goals) {
      if (goal.status() == SpeedGoals.Status.NOT_MEASURED) {
        reasons.add("goal not measured: " + goal.goal() + " (" + goal.measured() + ")");
      }
    }
    if (results.bounds() != null) {
      reasons.addAll(results.bounds().strictFailures());
    }
    return reasons;
  }

  /**
   * Measures every counted kernels/ file at its counted size (same flush, warm-ups and median as the benchmarks)
   * and puts each next to its lower bound for this GPU. Without the counts file, or the kernels/ library, the
   * section says why.
   */
  private static CountedBounds.Section bounds(
      GpuSession session, Path countsFile, List<MatrixRow> benchmarks, BenchConfig bench, PrintStream out) {
    Path file = countsFile != null ? countsFile : besideTheJar().resolve(TrafficCounts.FILE_NAME);
    TrafficCounts counts;
    try {
      counts = TrafficCounts.read(file);
    } catch (IOException e) {
      String why = e instanceof java.nio.file.NoSuchFileException ? "no counts file " + file
          + " (tests/gpu/bundle.sh writes it; or kp gpu-counts --out FILE)" : e.getMessage();
      out.println("  " + why);
      return new CountedBounds.Section(file, why, null, null, 0, List.of());
    }
    List<MatrixRow> measured = GpuMatrices.library(session)
        .map(library -> BenchmarkMatrix.run(session, CountedBounds.entries(library, counts), bench, out))
        .orElse(List.of());
    CudaDeviceInfo device = session.device();
    GpuSpec gpu = null;
    String noBound = null;
    try {
      gpu = DeviceSpec.of(device, DeviceSpec.maxClockKhz(device), GpuReportMarkdown.copyBandwidth(benchmarks));
    } catch (IllegalArgumentException e) {
      noBound = e.getMessage();
      out.println("  no bounds for this GPU: " + noBound);
    }
    List<CountedBounds.Row> rows = CountedBounds.rows(counts, measured, gpu, device.l2Bytes());
    for (CountedBounds.Row row : rows) {
      out.println(String.format(Locale.ROOT, "  %s %s: measured %s, bound %s", row.file(), row.sizeLabel(),
          row.error() != null ? row.error() : String.format(Locale.ROOT, "%.2f µs", row.measuredSeconds() * 1e6),
          Double.isNaN(row.boundSeconds()) ? "—" : String.format(Locale.ROOT, "%.2f µs", row.boundSeconds() * 1e6)));
    }
    return new CountedBounds.Section(file, null, gpu, noBound, counts.seed(), rows);
  }

  /** The folder of the jar (or classes folder) this code was loaded from: the bundle's folder on a GPU machine. */
  private static Path besideTheJar() {
    try {
      Path code = Path.of(GpuReport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return code.getParent() == null ? Path.of("") : code.getParent();
    } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
      return Path.of("");
    }
  }

  /** "2026-11-24-h100-80gb-hbm3.md": the date, then the GPU's name without "NVIDIA", as a file name. */
  static String fileName(ZonedDateTime when, String gpuName) {
    String slug = gpuName.toLowerCase(Locale.ROOT).replace("nvidia", "").replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-+|-+$", "");
    return when.format(DateTimeFormatter.ISO_LOCAL_DATE) + "-" + (slug.isEmpty() ? "gpu" : slug) + ".md";
  }
}
