package dev.kernelplayground.jcuda;

import dev.kernelplayground.ada.GpuSpec;
import dev.kernelplayground.process.ChildProcess;
import java.io.IOException;
import java.time.Duration;

/**
 * The GPU at hand as a {@link GpuSpec}, for the lower bound from counted traffic ({@code ada.TrafficBound}): its
 * own SM count, the highest SM clock it can run, its measured copy bandwidth, and per-SM rates by compute
 * capability. Every rate is one the GPU cannot beat, so the bound stays a lower bound:
 *
 * <ul>
 *   <li>clock: the larger of the driver's {@code CU_DEVICE_ATTRIBUTE_CLOCK_RATE} and {@code nvidia-smi
 *       --query-gpu=clocks.max.sm} (a GeForce card boosts above its rated clock);
 *   <li>FP32: SMs × FP32 lanes per SM ({@link CudaDeviceInfo#fp32LanesPerSm}) × 2 × clock;
 *   <li>tensor: SMs × dense FP16 tensor FLOPs per SM per clock ({@link #tensorFlopsPerSmPerClock}) × clock, for
 *       both accumulators (a GeForce card's halved FP32 accumulate is ignored: a higher rate, a lower bound);
 *   <li>DRAM: the copy kernel's measured bandwidth (the fastest passing copy/01_copy row);
 *   <li>L1 and shared memory: 128 bytes per SM per clock, as on sm_89 (the same on sm_70 .. sm_90).
 * </ul>
 */
public final class DeviceSpec {
  private DeviceSpec() {}

  /**
   * Dense FP16 tensor-core FLOPs per SM per clock by compute capability, or 0 when this table does not know it:
   * 1024 on Volta (7.0), Turing (7.5), GA10x (8.6) and Ada (8.9) (RTX 4090: 330.3 TFLOPS = 128 SMs × 1024 × 2.52
   * GHz; V100: 125 TFLOPS = 80 × 1024 × 1.53 GHz), 2048 on A100 (8.0: 312 TFLOPS = 108 × 2048 × 1.41 GHz), 4096 on
   * Hopper (9.0: H100 SXM 989.4 TFLOPS = 132 × 4096 × 1.83 GHz). Sources: the whitepapers' peak tables.
   */
  static int tensorFlopsPerSmPerClock(int major, int minor) {
    return switch (major * 10 + minor) {
      case 70, 75, 86, 89 -> 1024;
      case 80 -> 2048;
      case 90 -> 4096;
      default -> 0;
    };
  }

  /**
   * The GPU as a spec for the bound, or an exception saying which figure is missing.
   *
   * @param gpu what the driver reports
   * @param maxClockKhz the highest SM clock the GPU can run ({@link #maxClockKhz})
   * @param bandwidthBytesPerSecond the measured copy bandwidth; 0 when none was measured
   * @throws IllegalArgumentException naming the figure a bound cannot do without
   */
  static GpuSpec of(CudaDeviceInfo gpu, int maxClockKhz, double bandwidthBytesPerSecond) {
    int lanes = gpu.fp32LanesPerSm();
    int tensor = tensorFlopsPerSmPerClock(gpu.ccMajor(), gpu.ccMinor());
    if (lanes == 0 || tensor == 0) {
      throw new IllegalArgumentException("no per-SM rates known for " + gpu.smArch());
    }
    if (bandwidthBytesPerSecond <= 0) {
      throw new IllegalArgumentException("no copy bandwidth was measured (no passing " + LibraryMatrix.COPY + " row)");
    }
    if (gpu.smCount() <= 0 || maxClockKhz <= 0) {
      throw new IllegalArgumentException("the driver reports no SM count or clock");
    }
    double ghz = maxClockKhz / 1e6;
    double tensorTflops = (double) gpu.smCount() * tensor * ghz / 1e3;
    return new GpuSpec(gpu.name(), gpu.smArch(), gpu.smCount(), GpuSpec.Segment.DATA_CENTER, gpu.computeCapability(),
        gpu.smCount(), gpu.smCount() * lanes, 0, ghz, gpu.smCount() * lanes * 2.0 * ghz / 1e3, tensorTflops,
        tensorTflops, tensorTflops, "measured copy", bandwidthBytesPerSecond / 1e9,
        (int) (gpu.l2Bytes() >> 20), (int) (gpu.memoryBytes() >> 30), 0);
  }

  /** The larger of the driver's clock attribute and nvidia-smi's maximum SM clock (when nvidia-smi answers). */
  static int maxClockKhz(CudaDeviceInfo gpu) {
    return Math.max(gpu.smClockKhz(), nvidiaSmiMaxClockKhz(gpu.ordinal()));
  }

  private static int nvidiaSmiMaxClockKhz(int ordinal) {
    try {
      ChildProcess.Result r = ChildProcess.of("nvidia-smi", "-i", Integer.toString(ordinal),
          "--query-gpu=clocks.max.sm", "--format=csv,noheader,nounits").timeout(Duration.ofSeconds(20)).run();
      return r.succeeded() ? parseMhz(r.stdout()) * 1000 : 0;
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** "1980\n" → 1980; anything else ("[N/A]") → 0. */
  static int parseMhz(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
