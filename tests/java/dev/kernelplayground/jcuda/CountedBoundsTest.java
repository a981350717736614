package dev.kernelplayground.jcuda;

import static dev.kernelplayground.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.ada.GpuSpec;
import dev.kernelplayground.ada.TrafficBound;
import dev.kernelplayground.ada.TrafficBound.Limiter;
import dev.kernelplayground.problem.GpuComparison;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.profile.TrafficCounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lower bound from counted traffic on the GPU at hand, without a GPU: the device's spec from its CUDA attributes,
 * each term against hand arithmetic, the {@code --strict} rule with a planted measurement below its bound, and the
 * report's table from counts the emulator recorded (tests/resources/gpu/traffic-counts.json, seed 7).
 */
class CountedBoundsTest {
  private static final long SEED = RandomInputs.newSeed();

  /** An H200 as cuDeviceGetAttribute reports it: 132 SMs, 1980 MHz, HBM3e on a 6144-bit bus, 50 MiB L2. */
  static CudaDeviceInfo h200() {
    return new CudaDeviceInfo(0, "NVIDIA H200", 9, 0, 132, 1_980_000, 3_201_000, 6144, 150_011_035_648L, 50L << 20,
        228 * 1024, 227 * 1024, 65_536, 65_536, 2048, 1024, 32, true, "13.0");
  }

  private static TrafficCounts.KernelCounts randomCounts(SplittableRandom r, String name) {
    return new TrafficCounts.KernelCounts(name, 32L * r.nextInt(1, 1 << 20), 32L * r.nextInt(1, 1 << 22),
        r.nextInt(1, 1 << 24), r.nextInt(0, 1 << 24), r.nextInt(0, 1 << 30), r.nextInt(0, 1 << 30),
        r.nextInt(0, 1 << 30), r.nextInt(1, 300));
  }

  @Test
  void anH200LikeDeviceGetsItsOwnSmsClockAndMeasuredBandwidth() {
    GpuSpec gpu = DeviceSpec.of(h200(), 1_980_000, 4.3e12);
    assertEquals(132, gpu.smCount());
    assertEquals(1.98, gpu.boostClockGhz(), 1e-12);
    assertEquals(132 * 128 * 2 * 1.98e9, gpu.peakFlops(dev.kernelplayground.ada.Precision.FP32), 1e3);
    assertEquals(132 * 4096 * 1.98e9, gpu.peakFlops(dev.kernelplayground.ada.Precision.FP16_TENSOR_FP32_ACC), 1e3);
    assertEquals(4.3e12, gpu.memoryBandwidthBytesPerSecond(), 1);
  }

  @Test
  void everyTermIsItsCountOverTheDevicesRate() {
    SplittableRandom r = new SplittableRandom(SEED);
    record Device(CudaDeviceInfo info, int clockKhz, double bandwidth, int lanes, int tensorPerClock) {}
    // the RTX 4090 runs above its rated 2520 MHz: nvidia-smi's maximum (2790 MHz here) is the one that counts
    for (Device d : List.of(new Device(h200(), 1_980_000, 4.3e12, 128, 4096),
        new Device(DeviceInfos.rtx4090(), 2_790_000, 0.95e12, 128, 1024))) {
      GpuSpec gpu = DeviceSpec.of(d.info(), d.clockKhz(), d.bandwidth());
      TrafficCounts.KernelCounts k = randomCounts(r, "k");
      TrafficBound.Result b = CountedBounds.bounds(new TrafficCounts.Row("f/01", new int[] {1}, List.of(k)), gpu,
          d.info().l2Bytes())[0];
      double clock = d.clockKhz() * 1e3;
      long sms = Math.min(k.blocks(), d.info().smCount());
      double written = Math.max(0, k.bytesWritten() - d.info().l2Bytes());
      String why = d.info().name() + ", seed " + SEED + ", " + k;
      assertEquals((k.bytesRead() + written) / d.bandwidth(), b.terms().get(Limiter.DRAM), 1e-18, why);
      assertEquals(k.l1Lines() / (sms * clock), b.terms().get(Limiter.L1), 1e-18, why);
      assertEquals(k.sharedWavefronts() / (sms * clock), b.terms().get(Limiter.SHARED), 1e-18, why);
      assertEquals(k.fp32Flops() / (sms * d.lanes() * 2 * clock), b.terms().get(Limiter.FP32), 1e-15, why);
      assertEquals((k.tensorFlopsFp16Acc() + k.tensorFlopsFp32Acc()) / (double) (sms * d.tensorPerClock() * clock),
          b.terms().get(Limiter.TENSOR), 1e-15, why);
      assertEquals(b.terms().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow(), b.seconds(), 0, why);
    }
  }

  @Test
  void laterKernelsReadsAndWritesTheL2HoldsAreNotDramTraffic() {
    GpuSpec gpu = DeviceSpec.of(h200(), 1_980_000, 4e12);
    long l2 = h200().l2Bytes();
    var first = new TrafficCounts.KernelCounts("scores", 1 << 20, l2 + 4096, 1, 0, 0, 0, 0, 132);
    var second = new TrafficCounts.KernelCounts("softmax", 1 << 24, 1 << 20, 1, 0, 0, 0, 0, 132);
    TrafficBound.Result[] b = CountedBounds.bounds(new TrafficCounts.Row("a/01", new int[] {1}, List.of(first, second)),
        gpu, l2);
    assertEquals(((1 << 20) + 4096) / 4e12, b[0].terms().get(Limiter.DRAM), 1e-18);
    assertEquals(0.0, b[1].terms().get(Limiter.DRAM));
  }

  @Test
  void aDeviceWithoutKnownRatesOrAMeasuredCopyGetsNoBoundAndSaysWhy() {
    CudaDeviceInfo blackwell = new CudaDeviceInfo(0, "NVIDIA RTX PRO 6000", 12, 0, 188, 2_600_000, 0, 512, 1L << 36,
        128L << 20, 0, 0, 0, 0, 0, 0, 32, false, "13.0");
    assertEquals("no per-SM rates known for sm_120",
        assertThrows(IllegalArgumentException.class, () -> DeviceSpec.of(blackwell, 2_600_000, 1e12)).getMessage());
    assertContains(assertThrows(IllegalArgumentException.class, () -> DeviceSpec.of(h200(), 1_980_000, 0)).getMessage(),
        "no copy bandwidth was measured", "copy/01_copy");
  }

  @Test
  void nvidiaSmisMaximumClockIsParsedAndNonNumbersAreNone() {
    assertEquals(1980, DeviceSpec.parseMhz("1980\n"));
    assertEquals(0, DeviceSpec.parseMhz("[N/A]"));
  }

  @Test
  void strictFailsOnAMeasurementBelowItsBoundNamingFileSizeAndBothTimes() {
    double bound = new SplittableRandom(SEED).nextDouble(1e-6, 1e-3);
    var beats = new CountedBounds.Row("matmul/05_blocktile_2d", "256×256×256", bound * 0.9, bound, "fp32", null);
    var honest = new CountedBounds.Row("copy/01_copy", "1,048,576", bound * 1.1, bound, "dram", null);
    var notMeasured = new CountedBounds.Row("softmax/04_online", "1024×1024", Double.NaN, bound, "dram",
        "CompileException: x");
    List<String> reasons = CountedBounds.strictFailures(List.of(beats, honest, notMeasured), null, null);
    assertEquals(2, reasons.size(), reasons.toString());
    assertEquals(String.format(java.util.Locale.ROOT, "matmul/05_blocktile_2d at 256×256×256: measured %.2f µs beats "
        + "its lower bound from counted traffic, %.2f µs (fp32)", bound * 0.9e6, bound * 1e6), reasons.get(0));
    assertEquals("bound row not measured: softmax/04_online 1024×1024: CompileException: x", reasons.get(1));
    assertEquals(List.of(), CountedBounds.strictFailures(List.of(honest), null, null));
  }

  @Test
  void withoutTheCountsFileStrictFailsNamingIt(@TempDir Path dir) throws Exception {
    String missing = "no counts file " + dir.resolve(TrafficCounts.FILE_NAME);
    var section = new CountedBounds.Section(dir.resolve(TrafficCounts.FILE_NAME), missing, null, null, 0, List.of());
    List<String> reasons = GpuReport.strictFailures(new GpuReport.Results(List.of(), List.of(), null, null, section),
        List.of(), null, List.of());
    assertEquals(List.of("no lower bounds from counted traffic: " + missing), reasons);
    assertEquals("## Measured / bound (a lower bound from counted traffic)\n\nNot computed: " + missing + "\n\n",
        GpuReportMarkdown.bounds(section));
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"rows\": [{\"file\": \"copy/01_copy\"}]}");
    assertContains(assertThrows(java.io.IOException.class, () -> TrafficCounts.read(bad)).getMessage(),
        bad.toString(), "lacks");
  }

  @Test
  void theTableFromRecordedCountsGivesMeasuredOverBound() throws Exception {
    TrafficCounts counts = TrafficCounts.read(Path.of(getClass().getResource("/gpu/traffic-counts.json").toURI()));
    assertEquals(List.of("attention/01_naive", "copy/01_copy", "matmul/05_blocktile_2d"),
        counts.rows().stream().map(TrafficCounts.Row::file).toList());
    CudaDeviceInfo device = h200();
    GpuSpec gpu = DeviceSpec.of(device, 1_980_000, 4.3e12);
    // the copy's bound: 2^20 floats read after the flush (its 4 MiB of writes fit in the L2), at 4.3 TB/s
    double copyBound = 4.0 * (1 << 20) / 4.3e12;
    MatrixRow attention = MatrixRow.stopped(MatrixEntry.of("attention/01_naive", GpuComparison.NAIVE_ATTENTION,
        List.of(new int[] {1}), (s, size, seed) -> null), new int[] {1, 8, 256, 64}, SEED, "faulted: trap\nmore");
    MatrixRow copy = GpuReportTest.row("copy/01_copy", GpuComparison.PEAK_BANDWIDTH, copyBound * 3);
    MatrixRow matmul = GpuReportTest.row("matmul/05_blocktile_2d", GpuComparison.CUBLAS_SGEMM, 1e-6);
    List<CountedBounds.Row> rows = CountedBounds.rows(counts, List.of(attention, copy, matmul), gpu, device.l2Bytes());
    assertEquals(copyBound, rows.get(1).boundSeconds(), 1e-15);
    assertEquals(3, rows.get(1).ratio(), 1e-9);
    // 05 at 256³ runs 4 blocks: 4 of 132 SMs; its shared wavefronts at one per SM per clock bind (its 2·256³ FLOPs
    // at 4 × 128 lanes × 2 × 1.98 GHz take less)
    long wavefronts = counts.rows().get(2).kernels().get(0).sharedWavefronts();
    assertEquals(wavefronts / (4 * 1.98e9), rows.get(2).boundSeconds(), 1e-15);
    assertTrue(wavefronts / (4 * 1.98e9) > 2.0 * 256 * 256 * 256 / (4 * 128 * 2 * 1.98e9));
    assertTrue(rows.get(2).beatsBound(), "1 µs is below 05's bound: a planted wrong measurement");
    String md = GpuReportMarkdown.bounds(new CountedBounds.Section(Path.of(TrafficCounts.FILE_NAME), null, gpu, null,
        counts.seed(), rows));
    assertContains(md,
        "## Measured / bound (a lower bound from counted traffic)",
        "132 SMs at 1980 MHz",
        "DRAM 4300 GB/s (the measured copy bandwidth)",
        "| kernel | size | measured | bound | measured / bound | binding term |",
        String.format(java.util.Locale.ROOT, "| copy/01_copy | 40×30×20 | %.2f µs | %.2f µs | 3.00 | dram |",
            copyBound * 3e6, copyBound * 1e6),
        "(beats its bound)** | shared |",
        "| attention/01_naive | 1×8×256×64 | not measured: faulted: trap | — | — | — |");
    assertEquals(2, CountedBounds.strictFailures(rows, null, null).size());
  }
}
