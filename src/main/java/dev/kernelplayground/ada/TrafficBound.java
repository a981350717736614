package dev.kernelplayground.ada;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A lower bound from counted traffic: the least time an Ada GPU needs for a launch that does {@link Traffic}, the
 * largest of several ceilings, each a time the GPU cannot beat with its published rates. It is never a measurement
 * nor a prediction: real kernels also wait on latency, occupancy, instruction issue and the tail of the grid.
 *
 * <ul>
 *   <li>dram: compulsory bytes / the DRAM bandwidth ({@link GpuSpec#memoryBandwidthGBps()}, [WP]);
 *   <li>l1: 128-byte L1 lines / ({@value #L1_LINES_PER_CLOCK} per clock × SMs × boost clock) — the L1/shared data
 *       array delivers 128 bytes per clock per SM, the same 32 banks × 4 bytes the CUDA C Programming Guide gives
 *       shared memory (its "Shared Memory" section for compute capability 5.x and later: "each bank has a
 *       bandwidth of 32 bits per clock cycle"), and a request touching n lines needs n tag lookups;
 *   <li>shared: wavefronts / ({@value #SHARED_WAVEFRONTS_PER_CLOCK} per clock × SMs × boost clock) — one
 *       wavefront is one pass of the 32 banks;
 *   <li>fp32: FLOPs / the FP32 peak ({@link GpuSpec#fp32Tflops()}, [WP]);
 *   <li>tensor: WMMA FLOPs / the tensor peak for their accumulator ({@link GpuSpec#peakFlops(Precision)}, [WP]).
 * </ul>
 *
 * The per-SM ceilings count only the SMs a launch can occupy: min(blocks, SMs). Rates are quoted at the boost
 * clock ({@link GpuSpec#boostClockGhz()}); a card that runs above it for the whole kernel beats the bound by the
 * ratio of the clocks. The DRAM term assumes a cold L2 (the benchmarks flush it).
 */
public final class TrafficBound {
  /** 128-byte L1 lines (tag lookups) one SM serves per clock. */
  public static final int L1_LINES_PER_CLOCK = 1;

  /** Shared-memory wavefronts one SM serves per clock. */
  public static final int SHARED_WAVEFRONTS_PER_CLOCK = 1;

  /** The ceilings, in the order the reports list them. */
  public enum Limiter {
    DRAM, L1, SHARED, FP32, TENSOR;

    /** "dram", "l1", "shared", "fp32", "tensor": the names of the JSON. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The bound for one GPU.
   *
   * @param seconds the largest term
   * @param limiter the term that binds
   * @param terms every term, in seconds
   * @param activeSms SMs the launch can occupy
   */
  public record Result(double seconds, Limiter limiter, Map<Limiter, Double> terms, int activeSms) {}

  private TrafficBound() {}

  public static Result of(Traffic t, GpuSpec gpu) {
    int sms = (int) Math.max(1, Math.min(t.blocks(), gpu.smCount()));
    double share = (double) sms / gpu.smCount();
    double clock = gpu.boostClockGhz() * 1e9;
    Map<Limiter, Double> terms = new LinkedHashMap<>();
    terms.put(Limiter.DRAM, t.dramBytes() / gpu.memoryBandwidthBytesPerSecond());
    terms.put(Limiter.L1, t.l1Lines() / ((double) L1_LINES_PER_CLOCK * sms * clock));
    terms.put(Limiter.SHARED, t.sharedWavefronts() / ((double) SHARED_WAVEFRONTS_PER_CLOCK * sms * clock));
    terms.put(Limiter.FP32, t.fp32Flops() / (gpu.peakFlops(Precision.FP32) * share));
    terms.put(Limiter.TENSOR,
        (t.tensorFlopsFp16Acc() / gpu.peakFlops(Precision.FP16_TENSOR_FP16_ACC)
            + t.tensorFlopsFp32Acc() / gpu.peakFlops(Precision.FP16_TENSOR_FP32_ACC)) / share);
    Limiter limiter = Limiter.DRAM;
    for (Map.Entry<Limiter, Double> e : terms.entrySet()) {
      if (e.getValue() > terms.get(limiter)) {
        limiter = e.getKey();
      }
    }
    return new Result(terms.get(limiter), limiter, java.util.Collections.unmodifiableMap(terms), sms);
  }
}
