package dev.kernelplayground.jcuda;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.bench.CacheFlush;
import dev.kernelplayground.bench.TimedLaunch;
import dev.kernelplayground.device.Backend;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.jcuda.SpeedGoals.Measurement;
import dev.kernelplayground.jcuda.SpeedGoals.Result;
import dev.kernelplayground.jcuda.SpeedGoals.Status;
import dev.kernelplayground.problem.CopyProblem;
import dev.kernelplayground.problem.GpuComparison;
import dev.kernelplayground.run.KernelCase;
import dev.kernelplayground.run.Trial;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The speed-goal arithmetic and its Markdown from made-up timings: these tests check the formatting and the
 * MET / MISSED / not measured logic only; no figure here was measured on a GPU.
 */
class SpeedGoalsTest {
  private static final int[] GEMM = {4096, 4096, 4096};
  private static final double PEAK = 1000e9; // a made-up 1000 GB/s device

  private static Measurement m(String kernel, int[] size, double seconds, double bytesPerSecond) {
    return new Measurement(kernel, size, seconds, bytesPerSecond);
  }

  private static List<Measurement> allMet() {
    List<Measurement> rows = new ArrayList<>();
    rows.add(m("cublas_sgemm", GEMM, 9e-3, 0));
    rows.add(m("matmul/07_warptile", GEMM, 10e-3, 0));
    rows.add(m("cublas_hgemm", GEMM, 2e-3, 0));
    rows.add(m("matmul/08_wmma_fp16", GEMM, 2.5e-3, 0));
    rows.add(m("copy/01_copy", new int[] {1 << 24}, 1e-3, 800e9));
    rows.add(m("copy/01_copy", new int[] {1 << 26}, 1e-3, 900e9));
    rows.add(m("softmax/04_online", new int[] {4096, 4096}, 1e-3, 500e9));
    rows.add(m("softmax/04_online", new int[] {8192, 8192}, 1e-3, 810e9));
    rows.add(m("attention/01_naive", new int[] {2, 8, 4096, 64}, 60e-3, 0));
    rows.add(m("attention/03_flash_tiled", new int[] {2, 8, 4096, 64}, 10e-3, 0));
    rows.add(m("attention/01_naive", new int[] {4, 16, 1024, 64}, 10e-3, 0));
    rows.add(m("attention/03_flash_tiled", new int[] {4, 16, 1024, 64}, 5e-3, 0)); // 2×, but seq < 4096
    return rows;
  }

  @Test
  void eachGoalIsMetWithTheFigureBehindIt() {
    List<Result> results = SpeedGoals.evaluateMeasurements(allMet(), PEAK);
    assertEquals(5, results.size());
    results.forEach(r -> assertEquals(Status.MET, r.status(), r.toString()));
    assertEquals("90.0 % (matmul/07_warptile 10.000 ms, cublas_sgemm 9.000 ms)", results.get(0).measured());
    assertEquals("80.0 % (matmul/08_wmma_fp16 2.500 ms, cublas_hgemm 2.000 ms)", results.get(1).measured());
    assertEquals("90.0 % (900 GB/s of 1000 GB/s at 67,108,864 floats)", results.get(2).measured(),
        "the copy's largest size counts");
    assertEquals("90.0 % (810 GB/s at 8192×8192, copy 900 GB/s at 67,108,864)", results.get(3).measured(),
        "softmax against the copy on as many elements");
    assertEquals("6.0× at 2×8×4096×64 (10.000 ms vs 60.000 ms)", results.get(4).measured(),
        "only seq ≥ 4096 counts");
  }

  @Test
  void aFigureBelowItsTargetIsMissed() {
    List<Measurement> rows = new ArrayList<>(allMet());
    rows.set(1, m("matmul/07_warptile", GEMM, 11e-3, 0)); // 81.8 %
    rows.add(m("attention/01_naive", new int[] {1, 16, 8192, 64}, 40e-3, 0));
    rows.add(m("attention/03_flash_tiled", new int[] {1, 16, 8192, 64}, 10e-3, 0)); // 4×: the worst counts
    List<Result> results = SpeedGoals.evaluateMeasurements(rows, 2000e9);
    assertEquals(Status.MISSED, results.get(0).status());
    assertTrue(results.get(0).measured().startsWith("81.8 %"), results.get(0).measured());
    assertEquals(Status.MISSED, results.get(2).status(), "900 of 2000 GB/s is 45 %");
    assertEquals(Status.MISSED, results.get(4).status());
    assertTrue(results.get(4).measured().contains("4.0× at 1×16×8192×64"), results.get(4).measured());
  }

  @Test
  void missingRowsAreNotMeasuredNeverMet() {
    List<Result> none = SpeedGoals.evaluateMeasurements(List.of(), PEAK);
    none.forEach(r -> assertEquals(Status.NOT_MEASURED, r.status(), r.toString()));
    assertEquals("no passing timed row of matmul/07_warptile at 4096×4096×4096 in this run", none.get(0).measured());
    List<Measurement> quick = List.of(
        m("attention/01_naive", new int[] {1, 8, 1024, 64}, 4e-3, 0),
        m("attention/03_flash_tiled", new int[] {1, 8, 1024, 64}, 1e-3, 0),
        m("copy/01_copy", new int[] {1 << 20}, 1e-3, 900e9));
    List<Result> results = SpeedGoals.evaluateMeasurements(quick, 0);
    assertEquals(Status.NOT_MEASURED, results.get(4).status(), "a quick run has no seq ≥ 4096");
    assertEquals(Status.NOT_MEASURED, results.get(2).status(), "no peak bandwidth from the driver");
    assertEquals(Status.NOT_MEASURED, results.get(3).status());
  }

  @Test
  void onHopperTheFiguresStayAndMeaninglessComparisonsAreSaidToBe() {
    List<Result> results = SpeedGoals.evaluateMeasurements(allMet(), PEAK, "sm_90");
    assertEquals(Status.MET, results.get(0).status(), "warptile against SIMT SGEMM compares on any GPU");
    assertEquals(Status.NOT_COMPARABLE, results.get(1).status());
    assertEquals("80.0 % (matmul/08_wmma_fp16 2.500 ms, cublas_hgemm 2.000 ms); meaningless on sm_90: cuBLAS"
        + " HGEMM uses Hopper's wgmma tensor-core instructions from sm_90 on, which WMMA cannot reach",
        results.get(1).measured());
    assertEquals(Status.NOT_COMPARABLE, results.get(2).status());
    assertTrue(results.get(2).measured().startsWith("90.0 % (900 GB/s of 1000 GB/s at 67,108,864 floats);"
        + " meaningless on sm_90: the 85 % was set against the RTX 4090's GDDR6X"), results.get(2).measured());
    assertEquals(Status.MET, results.get(3).status());
    assertEquals(Status.MET, results.get(4).status());

    List<Result> ampere = SpeedGoals.evaluateMeasurements(allMet(), PEAK, "sm_86");
    assertEquals(Status.MET, ampere.get(1).status(), "on Ampere cuBLAS runs mma.sync like WMMA");
    assertEquals(Status.NOT_COMPARABLE, ampere.get(2).status());
    List<Result> missing = SpeedGoals.evaluateMeasurements(List.of(), PEAK, "sm_90");
    missing.forEach(r -> assertEquals(Status.NOT_MEASURED, r.status(), "nothing measured stays not measured"));

    String md = SpeedGoals.markdown(results, "sm_90");
    assertTrue(md.contains("These are RTX 4090 (sm_89) goals; this GPU is sm_90: the figures are given, and a"
        + " goal whose comparison means nothing here is marked not comparable, with the reason.\n\n"), md);
    assertTrue(md.contains("| matmul/08_wmma_fp16 ≥ 70 % of cuBLAS HGEMM at 4096×4096×4096 | not comparable | 80.0 %"),
        md);
    assertTrue(SpeedGoals.markdown(results.subList(0, 1)).contains("These are RTX 4090 (sm_89) goals.\n\n"));
    assertEquals(9, SpeedGoals.major("sm_90"));
    assertEquals(10, SpeedGoals.major("sm_100a"));
    assertEquals(8, SpeedGoals.major("sm_89"));
  }

  @Test
  void theSectionIsAMarkdownTable() {
    String md = SpeedGoals.markdown(SpeedGoals.evaluateMeasurements(allMet().subList(0, 2), PEAK));
    assertTrue(md.startsWith("## Speed goals\n\n"), md);
    assertTrue(md.contains("| goal | result | measured |\n|---|---|---|\n"), md);
    assertTrue(md.contains("| matmul/07_warptile ≥ 85 % of cuBLAS SGEMM at 4096×4096×4096 | **MET** | 90.0 % "
        + "(matmul/07_warptile 10.000 ms, cublas_sgemm 9.000 ms) |"), md);
    assertTrue(md.contains("| attention/03_flash_tiled ≥ 5× attention/01_naive at seq ≥ 4096 | not measured | "),
        md);
  }

  // --- through MatrixRows, as the report gets them ----------------------------------------------------------

  private static final ExecutionTarget FAKE_GPU = new ExecutionTarget(Backend.CUDA, "made-up GPU", true);

  /** A correct copy on the CPU whose timed runs report {@code seconds}; the row carries {@code size}. */
  private static MatrixRow row(String kernel, GpuComparison comparison, int[] size, int n, double seconds) {
    CopyProblem p = CopyProblem.random(n, 11);
    KernelCase c = new KernelCase(kernel, p,
        out -> {
          System.arraycopy(p.x(), 0, out, 0, n);
          return FAKE_GPU;
        },
        out -> {
          System.arraycopy(p.x(), 0, out, 0, n);
          return new TimedLaunch.Sample(FAKE_GPU, seconds);
        },
        1, Precision.FP32);
    MatrixEntry entry = MatrixEntry.of(kernel, comparison, List.of(size), (s, z, seed) -> c);
    return MatrixRow.ran(entry, size, 11, Trial.run(c, new BenchConfig(0, 3), CacheFlush.NONE));
  }

  @Test
  void softmaxIsComparedWithTheCopyAndAttentionWithTheNaiveVersion() {
    MatrixRow copy = row("copy/01_copy", GpuComparison.PEAK_BANDWIDTH, new int[] {64}, 64, 1e-6);
    MatrixRow softmax = row("softmax/04_online", GpuComparison.COPY_BANDWIDTH, new int[] {8, 8}, 64, 2e-6);
    MatrixRow naive = row("attention/01_naive", GpuComparison.NAIVE_ATTENTION, new int[] {1, 2, 8, 4}, 64, 8e-6);
    MatrixRow flash = row("attention/03_flash_tiled", GpuComparison.NAIVE_ATTENTION, new int[] {1, 2, 8, 4}, 64, 2e-6);
    List<MatrixRow> rows = List.of(copy, softmax, naive, flash);
    assertEquals("50 % of copy", GpuReportMarkdown.comparedWith(softmax, rows));
    assertEquals("4.0× naive", GpuReportMarkdown.comparedWith(flash, rows));
    assertEquals("1.0× naive", GpuReportMarkdown.comparedWith(naive, rows));
    assertEquals("—", GpuReportMarkdown.comparedWith(copy, rows));
    assertEquals("no copy at this size", GpuReportMarkdown.comparedWith(softmax, List.of(softmax)));
  }

  @Test
  void aRowThatFailedOrErredDoesNotCount() {
    MatrixRow broken = MatrixRow.stopped(MatrixEntry.of("copy/01_copy", GpuComparison.PEAK_BANDWIDTH, List.of(new int[] {1 << 26}),
        (s, z, seed) -> null), new int[] {1 << 26}, 3, "CompileException: no nvcc");
    assertEquals(Status.NOT_MEASURED, SpeedGoals.evaluate(List.of(broken), PEAK).get(2).status());
    MatrixRow ok = row("copy/01_copy", GpuComparison.PEAK_BANDWIDTH, new int[] {64}, 64, 1e-6);
    Result copy = SpeedGoals.evaluate(List.of(ok), PEAK).get(2);
    assertEquals(Status.MISSED, copy.status(), "512 B in 1 µs is 0.5 GB/s");
    assertTrue(copy.measured().startsWith("0.1 % (1 GB/s of 1000 GB/s at 64 floats)"), copy.measured());
  }

  @Test
  void theReportEndsWithTheSpeedGoals() {
    MatrixRow copy = row("copy/01_copy", GpuComparison.PEAK_BANDWIDTH, new int[] {64}, 64, 1e-6);
    String md = GpuReportMarkdown.render(DeviceInfos.rtx4090(), List.of(), null, List.of(), List.of(copy),
        List.of(copy), null, null, new BenchConfig(0, 3), 144L << 20, ZonedDateTime.of(2026, 11, 24, 15, 0, 0, 0, ZoneOffset.UTC));
    assertTrue(md.contains("| kernel | size | median | GFLOP/s | GB/s | % of cuBLAS | % of peak | compared with "
        + "| check |"), md);
    assertTrue(md.contains("\n## Speed goals\n"), md);
    assertTrue(md.contains("| copy/01_copy ≥ 85 % of the GPU's peak DRAM bandwidth | **MISSED** | "), md);
  }
}
