package dev.kernelplayground.ada;

/**
 * The roofline model (Williams, Waterman, Patterson 2009) for one GPU and one precision: a kernel that does
 * {@code flops} arithmetic operations and moves {@code bytes} to and from DRAM has arithmetic intensity
 * {@code I = flops / bytes} and can at best reach {@code min(peak, I × bandwidth)} FLOP/s.
 *
 * <p>Units: FLOP/s, bytes/s (decimal, as NVIDIA quotes bandwidth), FLOP/byte, seconds. Peaks come from
 * {@link GpuSpec#peakFlops(Precision)} and {@link GpuSpec#memoryBandwidthBytesPerSecond()}; the model ignores
 * caches, so for data that stays in the 72 MB L2 it is pessimistic.
 */
public final class Roofline {
  private Roofline() {}

  /** Highest FLOP/s a kernel of intensity {@code intensityFlopsPerByte} can reach: min(peak, I × bandwidth). */
  public static double attainableFlops(GpuSpec spec, Precision precision, double intensityFlopsPerByte) {
    requireNonNegative(intensityFlopsPerByte, "arithmetic intensity");
    return Math.min(spec.peakFlops(precision), intensityFlopsPerByte * spec.memoryBandwidthBytesPerSecond());
  }

  /** The ridge point: the intensity (FLOP/byte) at which the memory roof meets the compute roof. */
  public static double ridgeIntensity(GpuSpec spec, Precision precision) {
    return spec.peakFlops(precision) / spec.memoryBandwidthBytesPerSecond();
  }

  /** {@link RooflineBound#MEMORY} below the ridge point, {@link RooflineBound#COMPUTE} at or above it. */
  public static RooflineBound bound(GpuSpec spec, Precision precision, double intensityFlopsPerByte) {
    requireNonNegative(intensityFlopsPerByte, "arithmetic intensity");
    return intensityFlopsPerByte < ridgeIntensity(spec, precision) ? RooflineBound.MEMORY : RooflineBound.COMPUTE;
  }

  /**
   * The fastest the device could possibly run a kernel with these counts: max(flops / peak, bytes / bandwidth)
   * seconds — the arithmetic and the DRAM traffic each at full speed, perfectly overlapped.
   */
  public static double minimumSeconds(GpuSpec spec, Precision precision, double flops, double bytes) {
    requireNonNegative(flops, "FLOP count");
    requireNonNegative(bytes, "byte count");
    return Math.max(flops / spec.peakFlops(precision), bytes / spec.memoryBandwidthBytesPerSecond());
  }

  /**
   * How close a measured run came to the roofline, in percent: 100 × {@link #minimumSeconds} / measured. Works for
   * pure copies (0 FLOPs) too; above 100 means the data came from cache rather than DRAM, or the counts are off.
   */
  public static double percentOfRoofline(
      GpuSpec spec, Precision precision, double flops, double bytes, double measuredSeconds) {
    if (!(measuredSeconds > 0) || Double.isInfinite(measuredSeconds)) {
      throw new IllegalArgumentException("measured time must be a positive number of seconds, got " + measuredSeconds);
    }
    return 100.0 * minimumSeconds(spec, precision, flops, bytes) / measuredSeconds;
  }

  private static void requireNonNegative(double value, String what) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(what + " must be a finite number >= 0, got " + value);
    }
  }
}
