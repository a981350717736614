package dev.kernelplayground.jcuda;

import dev.kernelplayground.bench.BenchConfig;
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
   */
  public record Options(Path out, boolean quick, boolean requireGpu, List<String> notes) {
    public Options {
      notes = List.copyOf(notes);
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
      out.println("checks:");
      List<MatrixRow> checks = BenchmarkMatrix.run(session, GpuMatrices.checks(session), checkBench, out);
      out.println("benchmarks:");
      List<MatrixRow> benchmarks =
          BenchmarkMatrix.run(session, GpuMatrices.benchmarks(session, options.quick()), bench, out);
      List<String> availability = new ArrayList<>(CudaAvailability.summary());
      availability.addAll(session.notes());
      if (session.cublasMissing() != null) {
        availability.add("no cuBLAS baseline in this report: " + session.cublasMissing());
      }
      String cublasVersion = session.cublas().map(CublasBaseline::version).orElse(null);
      ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
      String markdown =
          GpuReportMarkdown.render(
              session.device(), availability, cublasVersion, options.notes(), checks, benchmarks, bench,
              session.flush().bytes(), now);
      Path file = options.out().resolve(fileName(now, session.device().name()));
      Files.createDirectories(options.out());
      Files.writeString(file, markdown);
      out.println("report: " + file);
      long failed = checks.stream().filter(r -> !r.passed()).count()
          + benchmarks.stream().filter(r -> !r.passed()).count();
      if (failed > 0) {
        err.println("GpuReport: " + failed + " check or benchmark row(s) failed; see " + file);
        return 1;
      }
      return 0;
    } catch (CudaUnavailableException e) {
      err.println("GpuReport: no usable GPU: " + e.getMessage());
      return options.requireGpu() ? 3 : 0;
    } catch (IOException | RuntimeException e) {
      err.println("GpuReport: " + e.getMessage());
      return 1;
    }
  }

  /** "2026-11-24-h100-80gb-hbm3.md": the date, then the GPU's name without "NVIDIA", as a file name. */
  static String fileName(ZonedDateTime when, String gpuName) {
    String slug = gpuName.toLowerCase(Locale.ROOT).replace("nvidia", "").replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-+|-+$", "");
    return when.format(DateTimeFormatter.ISO_LOCAL_DATE) + "-" + (slug.isEmpty() ? "gpu" : slug) + ".md";
  }
}
