package dev.kernelplayground.ada;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * How many blocks of one kernel fit on one SM, what stops more from fitting, and why — the output of
 * {@link Occupancy#of(SmLimits, LaunchConfig)}. Mirrors {@code cudaOccResult}.
 *
 * @param limits the SM the result is for
 * @param launch the block that was asked about
 * @param warpsPerBlock warps one block occupies (threads rounded up to whole warps)
 * @param blocksPerSm resident blocks per SM; 0 when the block cannot launch at all (see {@link #problem()})
 * @param activeWarpsPerSm {@code blocksPerSm × warpsPerBlock}
 * @param limiters the limits that bind: every limit whose block count equals {@code blocksPerSm}
 * @param blocksByWarps blocks the warp slots allow (0 if the block has more than 1024 threads)
 * @param blocksByBlockSlots blocks the block slots allow (24 on 8.9)
 * @param blocksByRegisters blocks the register file allows; {@link Integer#MAX_VALUE} for a kernel using none
 * @param blocksBySharedMemory blocks the shared-memory carveout allows
 * @param allocatedRegistersPerBlock registers a block is given: per-warp allocation (rounded up to 256) × warps
 * @param allocatedSharedBytesPerBlock shared memory a block is given: static + dynamic + 1 KB reserved, rounded up
 *     to 128 B
 * @param sharedBytesPerSm the SM's shared-memory carveout used for this kernel
 * @param problem why the block cannot launch, or "" when it can
 * @param explanation the calculation in plain words, one line per limit
 */
public record OccupancyResult(
    SmLimits limits,
    LaunchConfig launch,
    int warpsPerBlock,
    int blocksPerSm,
    int activeWarpsPerSm,
    Set<OccupancyLimiter> limiters,
    int blocksByWarps,
    int blocksByBlockSlots,
    int blocksByRegisters,
    int blocksBySharedMemory,
    int allocatedRegistersPerBlock,
    int allocatedSharedBytesPerBlock,
    int sharedBytesPerSm,
    String problem,
    String explanation) {

  public OccupancyResult {
    limiters = limiters.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(limiters));
  }

  /** Warp slots of the SM (48 on 8.9). */
  public int maxWarpsPerSm() {
    return limits.maxWarpsPerSm();
  }

  /** Active warps / maximum warps, 0..1. */
  public double occupancy() {
    return (double) activeWarpsPerSm / maxWarpsPerSm();
  }

  /** Active warps / maximum warps in percent, 0..100. */
  public double occupancyPercent() {
    return 100.0 * occupancy();
  }

  /** Resident threads per SM, counting whole warps. */
  public int activeThreadsPerSm() {
    return activeWarpsPerSm * limits.warpSize();
  }

  /** Whether at least one block fits on an SM. */
  public boolean launchable() {
    return blocksPerSm > 0;
  }

  /** Whether {@code limiter} binds. */
  public boolean boundBy(OccupancyLimiter limiter) {
    return limiters.contains(limiter);
  }

  /** The block count one limit alone would allow ({@link Integer#MAX_VALUE}: no limit). */
  public int blocksLimitedBy(OccupancyLimiter limiter) {
    return switch (limiter) {
      case WARPS -> blocksByWarps;
      case BLOCKS -> blocksByBlockSlots;
      case REGISTERS -> blocksByRegisters;
      case SHARED_MEMORY -> blocksBySharedMemory;
    };
  }

  /** Binding limits in plain words, e.g. "registers" or "warps (threads) and block slots". */
  public String limitersInWords() {
    return String.join(" and ", limiters.stream().map(OccupancyLimiter::label).toList());
  }
}
