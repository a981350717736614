package dev.kernelplayground.jcuda;

import static dev.kernelplayground.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.bench.CacheFlush;
import dev.kernelplayground.bench.TimedLaunch;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.gpuopencl.JavaKernelsOnOpenCl;
import dev.kernelplayground.problem.GpuComparison;
import dev.kernelplayground.problem.MatmulProblem;
import dev.kernelplayground.process.ChildRows;
import dev.kernelplayground.run.KernelCase;
import dev.kernelplayground.run.Trial;
import dev.kernelplayground.threads.BlockGrid;
import dev.kernelplayground.tour.TiledMatmul;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's arithmetic and its behaviour without a GPU; the GPU run itself is in {@link CudaGpuTest}. */
class GpuReportTest {
  private static final long SEED = 4242;
  private static final ExecutionTarget FAKE_GPU = new ExecutionTarget(
      dev.kernelplayground.device.Backend.CUDA, "NVIDIA GeForce RTX 4090", true);

  /** A correct matmul (computed on the CPU) whose timed runs report a fixed GPU time. */
  static MatrixRow row(String kernel, GpuComparison comparison, double seconds) {
    MatmulProblem p = MatmulProblem.random(40, 30, 20, SEED);
    BlockGrid grid = BlockGrid.shared();
    KernelCase c = new KernelCase(kernel, p,
        out -> {
          TiledMatmul.run(grid, p.a(), p.b(), out, 40, 30, 20);
          return FAKE_GPU;
        },
        out -> {
          TiledMatmul.run(grid, p.a(), p.b(), out, 40, 30, 20);
          return new TimedLaunch.Sample(FAKE_GPU, seconds);
        },
        1, Precision.FP32);
    MatrixEntry entry = MatrixEntry.of(kernel, comparison, List.of(new int[] {40, 30, 20}), (s, size, seed) -> c);
    return MatrixRow.ran(entry, new int[] {40, 30, 20}, SEED, Trial.run(c, new BenchConfig(0, 3), CacheFlush.NONE));
  }

  @Test
  void aKernelIsAPercentageOfCublasAtTheSameSize() {
    MatrixRow cublas = row("cublas_sgemm", GpuComparison.CUBLAS_SGEMM, 2e-3);
    MatrixRow mine = row("sgemm_v1", GpuComparison.CUBLAS_SGEMM, 8e-3);
    Map<String, Double> baselines = GpuReportMarkdown.baselines(List.of(cublas, mine));
    assertEquals("25 %", GpuReportMarkdown.percentOfBaseline(mine, baselines));
    assertEquals("100 %", GpuReportMarkdown.percentOfBaseline(cublas, baselines));
    assertEquals("no cuBLAS", GpuReportMarkdown.percentOfBaseline(mine, Map.of()));
  }

  @Test
  void percentOfPeakUsesTheDevicesOwnPeaks() {
    CudaDeviceInfo gpu = DeviceInfos.rtx4090();
    MatrixRow mine = row("sgemm_v1", GpuComparison.CUBLAS_SGEMM, 1e-6);
    double flops = 2.0 * 40 * 30 * 20;
    String expected = String.format(java.util.Locale.ROOT, "%.0f %%", 100 * flops / 1e-6 / gpu.peakFp32FlopsPerSecond());
    assertEquals(expected, GpuReportMarkdown.percentOfPeak(mine, gpu, 0));
  }

  @Test
  void theBandwidthCeilingIsTheMeasuredCopy() {
    CudaDeviceInfo gpu = DeviceInfos.rtx4090();
    MatrixRow fast = row("copy/01_copy", GpuComparison.PEAK_BANDWIDTH, 1e-6);
    MatrixRow slow = row("copy/01_copy", GpuComparison.PEAK_BANDWIDTH, 4e-6);
    double ceiling = GpuReportMarkdown.copyBandwidth(List.of(slow, fast));
    assertEquals(fast.trial().timing().gigabytesPerSecond() * 1e9, ceiling, 1e-3, "the fastest copy row");
    assertEquals("25 %", GpuReportMarkdown.percentOfPeak(slow, gpu, ceiling));
    assertEquals("100 %", GpuReportMarkdown.percentOfPeak(fast, gpu, ceiling));
    assertEquals("—", GpuReportMarkdown.percentOfPeak(slow, gpu, 0), "no copy row, no ceiling");
    assertEquals(0, GpuReportMarkdown.copyBandwidth(List.of(row("sgemm_v1", GpuComparison.CUBLAS_SGEMM, 1e-6))));
  }

  @Test
  void theMarkdownHasTheDeviceTableChecksAndBenchmarks() {
    MatrixRow cublas = row("cublas_sgemm", GpuComparison.CUBLAS_SGEMM, 2e-3);
    MatrixRow mine = row("sgemm_v1", GpuComparison.CUBLAS_SGEMM, 4e-3);
    String md = GpuReportMarkdown.render(DeviceInfos.rtx4090(), List.of("driver: NVIDIA driver for CUDA 12.6, 1 GPU"),
        "12.6.4", List.of("gpu-tagged JUnit tests: 9 run, 0 failed"), List.of(mine), List.of(cublas, mine),
        null, null, new BenchConfig(0, 3), 144L << 20, ZonedDateTime.of(2026, 11, 24, 15, 0, 0, 0, ZoneOffset.UTC));
    assertTrue(md.startsWith("# GPU verification: NVIDIA GeForce RTX 4090, 2026-11-24\n"), md);
    assertContains(md,
        "| SMs | 128 | 128 |",
        "| sgemm_v1 | 40×30×20 | passed |",
        "| sgemm_v1 | 40×30×20 | 4.000 ms |",
        "| 50 % |",
        "- gpu-tagged JUnit tests: 9 run, 0 failed");
  }

  @Test
  void strictNamesEveryGapInTheRun() {
    MatrixRow cublas = row("cublas_sgemm", GpuComparison.CUBLAS_SGEMM, 2e-3);
    MatrixEntry broken = MatrixEntry.of("matmul/09_broken", GpuComparison.CUBLAS_SGEMM, List.of(new int[] {40, 30, 20}),
        (s, size, seed) -> null);
    MatrixRow notRun = MatrixRow.stopped(broken, new int[] {40, 30, 20}, SEED,
        "CompileException: matmul/09_broken.cu:3: error: expected a ';'\nmore");
    List<SpeedGoals.Result> goals = SpeedGoals.evaluate(List.of(cublas), 1e12);
    List<String> reasons = GpuReport.strictFailures(new GpuReport.Results(List.of(notRun), List.of(cublas), null, null),
        List.of("the kernels/ library was not run: no nvcc"), "no cuBLAS 12 (libcublas.so.12 not found)", goals);
    assertEquals("the kernels/ library was not run: no nvcc", reasons.get(0));
    assertEquals("the cuBLAS baseline is missing: no cuBLAS 12 (libcublas.so.12 not found)", reasons.get(1));
    assertEquals("check not run: matmul/09_broken 40×30×20: CompileException: matmul/09_broken.cu:3: error: "
        + "expected a ';'", reasons.get(2));
    assertTrue(reasons.get(3).startsWith("goal not measured: matmul/07_warptile ≥ 85 % of cuBLAS SGEMM"), reasons.get(3));
    assertEquals(3 + goals.size(), reasons.size(), reasons.toString());
    assertEquals(List.of(), GpuReport.strictFailures(
        new GpuReport.Results(List.of(cublas), List.of(cublas), null, null), List.of(), null, List.of()));
  }

  @Test
  void theReportFileIsNamedByDateAndGpu() {
    ZonedDateTime when = ZonedDateTime.of(2026, 11, 24, 15, 0, 0, 0, ZoneOffset.UTC);
    assertEquals("2026-11-24-h100-80gb-hbm3.md", GpuReport.fileName(when, "NVIDIA H100 80GB HBM3"));
    assertEquals("2026-11-24-geforce-rtx-4090.md", GpuReport.fileName(when, "NVIDIA GeForce RTX 4090"));
  }

  @Test
  void withoutAGpuItSaysSoAndExitsCleanlyUnlessAGpuIsRequired(@TempDir Path dir) {
    org.junit.jupiter.api.Assumptions.assumeFalse(CudaAvailability.gpuPresent(), "this machine has a GPU");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true);
    assertEquals(0, GpuReport.run(new GpuReport.Options(dir, false, false, List.of()), print, print));
    assertTrue(out.toString().startsWith("no NVIDIA GPU: " + CudaAvailability.driver().detail()
        + " — nothing to verify"), out.toString());
    assertEquals(3, GpuReport.run(new GpuReport.Options(dir, false, true, List.of()), print, print));
    assertEquals(0, dir.toFile().list().length, "no report without a GPU");
  }

  @Test
  void theJavaKernelsOnNvidiaOpenClAreRowsOrALineSayingWhyNot() {
    ChildRows<JavaKernelsOnOpenCl.Row> run = ChildRows.of(
        Map.of("device", "NVIDIA H200", "vendor", "NVIDIA Corporation", JavaKernelsOnOpenCl.ICD,
            "a temporary vendors folder (OCL_ICD_VENDORS=/tmp/kp-opencl-vendors1)"),
        List.of(new JavaKernelsOnOpenCl.Row("matmul_tiled", "127×129×131", 5, true, 3.5e-4, 0.25,
                "opencl · NVIDIA H200", null),
            new JavaKernelsOnOpenCl.Row("softmax_online", "1823×781", 6, false, 0.5, 1.5, "opencl · NVIDIA H200",
                "check: 12 wrong | values")));
    String md = GpuReportMarkdown.openCl(run);
    assertContains(md,
        "## Java lesson kernels on NVIDIA OpenCL",
        "on NVIDIA H200 (NVIDIA Corporation), through a temporary vendors folder (OCL_ICD_VENDORS=/tmp/kp-opencl-vendors1)",
        "not a kernel time",
        "| matmul_tiled | 127×129×131 | passed | 3.50e-04 | 0.250 ms | 5 | opencl · NVIDIA H200 |",
        "| softmax_online | 1823×781 | **failed**: check: 12 wrong \\| values | 5.00e-01 | 1.500 ms | 6 |");
    assertTrue(run.anyFailure());
    assertEquals("Java kernels on NVIDIA OpenCL: not run (no libnvidia-opencl.so.1 found: no ICD file in "
        + "/etc/OpenCL/vendors names it, and it is not in /usr/lib64 and the ld.so cache)\n\n",
        GpuReportMarkdown.openCl(ChildRows.notRun("no libnvidia-opencl.so.1 found: no ICD file in /etc/OpenCL/vendors "
            + "names it, and it is not in /usr/lib64 and the ld.so cache")));
    List<String> reasons = GpuReport.strictFailures(new GpuReport.Results(List.of(), List.of(), null,
        ChildRows.failed("the OpenCL child JVM exited with status 134: SIGSEGV")), List.of(), null, List.of());
    assertEquals(List.of("the Java kernels on NVIDIA OpenCL failed: the OpenCL child JVM exited with status 134: "
        + "SIGSEGV"), reasons);
  }

  @Test
  void theSummaryCountsEveryKindOfRowThatRan() {
    MatrixRow cublas = row("cublas_sgemm", GpuComparison.CUBLAS_SGEMM, 2e-3);
    MatrixEntry broken = MatrixEntry.of("matmul/09_broken", GpuComparison.CUBLAS_SGEMM, List.of(new int[] {40, 30, 20}),
        (s, size, seed) -> null);
    MatrixRow notRun = MatrixRow.stopped(broken, new int[] {40, 30, 20}, SEED, "CompileException: no");
    ChildRows<JavaKernelsOnOpenCl.Row> openCl = ChildRows.of(Map.of(), List.of(
        new JavaKernelsOnOpenCl.Row("matmul_tiled", "127×129×131", 5, true, 3.5e-4, 0.25, "opencl · NVIDIA H200", null),
        new JavaKernelsOnOpenCl.Row("copy", "1000003", 5, false, 1, 0.25, "opencl · NVIDIA H200", "check: wrong")));
    CountedBounds.Section bounds = new CountedBounds.Section(Path.of("traffic-counts.json"), null, null, null, SEED,
        List.of(new CountedBounds.Row("copy/01_copy.cu", "1048576", 2e-5, 1e-5, "dram", null),
            new CountedBounds.Row("matmul/01_naive.cu", "256×256×256", Double.NaN, 3e-5, "l1", "did not run")));
    assertEquals("2 checks, 1 benchmark rows, 0 torch.mm rows, 2 Java kernel rows on OpenCL and 1 kernels/ files "
        + "measured against their counted bound ran on NVIDIA H200",
        new GpuReport.Results(List.of(cublas, notRun, cublas), List.of(cublas), ChildRows.notRun("no torch"), openCl,
            bounds).summary("NVIDIA H200"));
    assertEquals("0 checks, 0 benchmark rows, 0 torch.mm rows, 0 Java kernel rows on OpenCL and 0 kernels/ files "
        + "measured against their counted bound ran on NVIDIA H200",
        new GpuReport.Results(List.of(notRun), List.of(), null, null).summary("NVIDIA H200"));
  }
}
