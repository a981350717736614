package dev.kernelplayground.jcuda;

import dev.kernelplayground.ada.GpuSpec;
import dev.kernelplayground.ada.SmLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The GPU the driver describes next to a published spec (the RTX 4090 in the reports) and the sm_89 limits,
 * row by row, so a report made on an H100 or an L4 says how far its numbers are from the card the lessons
 * are written for.
 */
public final class DeviceComparison {
  /** One row: what is compared, this GPU's value, the published one. */
  public record Row(String what, String thisGpu, String reference) {}

  private DeviceComparison() {}

  public static List<Row> rows(CudaDeviceInfo gpu, GpuSpec spec, SmLimits sm) {
    List<Row> rows = new ArrayList<>();
    rows.add(row("compute capability", gpu.computeCapability() + " (" + gpu.smArch() + ")",
        spec.computeCapability()));
    rows.add(row("SMs", Integer.toString(gpu.smCount()), Integer.toString(spec.smCount())));
    rows.add(row("FP32 lanes per SM", known(gpu.fp32LanesPerSm(), Integer.toString(gpu.fp32LanesPerSm())),
        Integer.toString(spec.fp32Lanes() / spec.smCount())));
    rows.add(row("SM clock (boost)", known(gpu.smClockKhz(), ghz(gpu.smClockKhz() / 1e6)),
        ghz(spec.boostClockGhz())));
    rows.add(row("peak FP32 (CUDA cores)",
        known(gpu.peakFp32FlopsPerSecond(), tflops(gpu.peakFp32FlopsPerSecond())),
        tflops(spec.fp32Tflops() * 1e12)));
    rows.add(row("memory", gib(gpu.memoryBytes()), spec.memoryGB() + " GB " + spec.memoryType()));
    rows.add(row("memory bus × clock",
        known(gpu.memoryBusWidthBits() * (double) gpu.memoryClockKhz(),
            gpu.memoryBusWidthBits() + " bit × " + String.format(Locale.ROOT, "%.0f MHz", gpu.memoryClockKhz() / 1e3)),
        "—"));
    rows.add(row("peak DRAM bandwidth",
        known(gpu.peakBandwidthBytesPerSecond(), gbps(gpu.peakBandwidthBytesPerSecond())),
        gbps(spec.memoryBandwidthBytesPerSecond())));
    rows.add(row("L2 cache", mib(gpu.l2Bytes()), spec.l2CacheMB() + " MiB"));
    rows.add(row("shared memory per SM", kib(gpu.sharedMemoryPerSmBytes()), kib(sm.maxSharedPerSmBytes())));
    rows.add(row("shared memory per block (opt-in)", kib(gpu.sharedMemoryPerBlockOptInBytes()),
        kib(sm.sharedPerBlockOptInBytes())));
    rows.add(row("registers per SM", Integer.toString(gpu.registersPerSm()), Integer.toString(sm.registersPerSm())));
    rows.add(row("threads per SM", Integer.toString(gpu.maxThreadsPerSm()), Integer.toString(sm.maxThreadsPerSm())));
    rows.add(row("ECC", gpu.eccEnabled() ? "on" : "off", "—"));
    rows.add(row("driver supports CUDA", gpu.driverCudaVersion(), "—"));
    return rows;
  }

  private static Row row(String what, String thisGpu, String reference) {
    return new Row(what, thisGpu, reference);
  }

  private static String known(double value, String text) {
    return value > 0 ? text : "unknown";
  }

  static String ghz(double ghz) {
    return String.format(Locale.ROOT, "%.2f GHz", ghz);
  }

  static String tflops(double flops) {
    return String.format(Locale.ROOT, "%.1f TFLOP/s", flops / 1e12);
  }

  static String gbps(double bytesPerSecond) {
    return String.format(Locale.ROOT, "%.0f GB/s", bytesPerSecond / 1e9);
  }

  static String gib(long bytes) {
    return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
  }

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
  }

  static String kib(long bytes) {
    return String.format(Locale.ROOT, "%d KiB", bytes / 1024);
  }
}
