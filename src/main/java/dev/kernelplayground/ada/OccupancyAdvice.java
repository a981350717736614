package dev.kernelplayground.ada;

import static dev.kernelplayground.ada.Numbers.n;
import static dev.kernelplayground.ada.Numbers.percent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One-line advice on what would raise a kernel's occupancy, found by re-running the calculator with one knob
 * turned: fewer registers, less shared memory, another block size, or a block size together with a register cap.
 * Every number in a hint comes from such a re-run.
 */
public final class OccupancyAdvice {
  private OccupancyAdvice() {}

  /**
   * What would let more warps run, e.g. "cap registers at 40 per thread (now 64) with __launch_bounds__(256, 6)
   * or -maxrregcount=40 to reach 6 blocks per SM (48 warps, 100.0%)"; for a block that cannot launch, what to fix.
   */
  public static String hint(OccupancyResult result) {
    SmLimits sm = result.limits();
    if (!result.launchable()) {
      return fix(result);
    }
    if (result.activeWarpsPerSm() == sm.maxWarpsPerSm()) {
      return "occupancy is already 100% (" + sm.maxWarpsPerSm() + " of " + sm.maxWarpsPerSm()
          + " warps per SM); more speed has to come from elsewhere (memory access, instruction-level parallelism)";
    }
    return resourceHint(result)
        .or(() -> blockSizeHint(result, false))
        .or(() -> blockSizeHint(result, true))
        .orElse("no single change of block size, registers or shared memory raises occupancy above "
            + percent(result.occupancyPercent()) + "%");
  }

  /** Registers and/or shared memory bind: how far to cut them so the block's other limits bind instead. */
  private static Optional<String> resourceHint(OccupancyResult r) {
    boolean regs = r.boundBy(OccupancyLimiter.REGISTERS);
    boolean smem = r.boundBy(OccupancyLimiter.SHARED_MEMORY);
    if (!regs && !smem) {
      return Optional.empty();
    }
    int target = Math.min(r.blocksByWarps(), r.blocksByBlockSlots());
    if (!regs) {
      target = Math.min(target, r.blocksByRegisters());
    }
    if (!smem) {
      target = Math.min(target, r.blocksBySharedMemory());
    }
    SmLimits sm = r.limits();
    LaunchConfig launch = r.launch();
    for (int blocks = target; blocks > r.blocksPerSm(); blocks--) {
      Optional<Integer> regCap = regs ? registerCap(sm, launch, blocks) : Optional.of(launch.registersPerThread());
      Optional<Long> smemCap = smem ? sharedCap(sm, launch, blocks) : Optional.of(launch.sharedBytes());
      if (regCap.isEmpty() || smemCap.isEmpty()) {
        continue;
      }
      List<String> changes = new ArrayList<>();
      if (regs) {
        int cap = regCap.get();
        changes.add("cap registers at " + cap + " per thread (now " + launch.registersPerThread() + ") with __launch_bounds__("
            + launch.threadsPerBlock() + ", " + blocks + ") or -maxrregcount=" + cap);
      }
      if (smem) {
        changes.add("cut shared memory to at most " + n(smemCap.get()) + " B per block (now " + n(launch.sharedBytes())
            + " B; the driver adds " + n(sm.reservedSharedPerBlockBytes()) + " B)");
      }
      return Optional.of(String.join(" and ", changes) + " to reach " + reach(sm, blocks, r.warpsPerBlock()));
    }
    return Optional.empty();
  }

  /** The most registers per thread that still let {@code blocks} blocks fit, if any do. */
  private static Optional<Integer> registerCap(SmLimits sm, LaunchConfig launch, int blocks) {
    for (int regs = launch.registersPerThread() - 1; regs >= 0; regs--) {
      if (Occupancy.registersLimit(sm, launch.threadsPerBlock(), regs) >= blocks) {
        return Optional.of(regs);
      }
    }
    return Optional.empty();
  }

  /** The most shared memory (static + dynamic) per block that still lets {@code blocks} blocks fit, if any. */
  private static Optional<Long> sharedCap(SmLimits sm, LaunchConfig launch, int blocks) {
    long unit = sm.sharedAllocationUnitBytes();
    long reserved = sm.reservedSharedPerBlockBytes();
    long allocated = Occupancy.roundUp(launch.sharedBytes() + reserved, unit);
    for (long perBlock = allocated - unit; perBlock >= reserved; perBlock -= unit) {
      long user = perBlock - reserved;
      if (Occupancy.sharedPlan(sm, user, launch.sharedOptIn(), launch.carveoutPercent()).blocks() >= blocks) {
        return Optional.of(user);
      }
    }
    return Optional.empty();
  }

  /**
   * Another block size (whole warps, same shared memory per block), optionally with registers capped so the
   * register file holds every warp slot; picks the most warps, then the block size nearest the current one.
   */
  private static Optional<String> blockSizeHint(OccupancyResult r, boolean capRegisters) {
    SmLimits sm = r.limits();
    LaunchConfig launch = r.launch();
    int bestWarps = r.activeWarpsPerSm();
    LaunchConfig best = null;
    for (int threads = sm.warpSize(); threads <= sm.maxThreadsPerBlock(); threads += sm.warpSize()) {
      LaunchConfig candidate = launch.withThreads(threads);
      if (capRegisters) {
        Optional<Integer> cap = fullSmRegisterCap(sm, candidate);
        if (cap.isEmpty()) {
          continue;
        }
        candidate = candidate.withRegisters(Math.min(cap.get(), launch.registersPerThread()));
      }
      int warps = Occupancy.blocksPerSm(sm, candidate) * Occupancy.warpsPerBlock(sm, threads);
      boolean nearer = best != null && warps == bestWarps
          && Math.abs(threads - launch.threadsPerBlock()) < Math.abs(best.threadsPerBlock() - launch.threadsPerBlock());
      if (warps > bestWarps || nearer) {
        bestWarps = warps;
        best = candidate;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    int blocks = Occupancy.blocksPerSm(sm, best);
    String change = "use " + best.threadsPerBlock() + " threads per block (now " + launch.threadsPerBlock() + ")";
    if (best.registersPerThread() < launch.registersPerThread()) {
      change += " and cap registers at " + best.registersPerThread() + " per thread (now " + launch.registersPerThread()
          + ") with __launch_bounds__(" + best.threadsPerBlock() + ", " + blocks + ")";
    }
    return Optional.of(change + " to reach " + reach(sm, blocks, Occupancy.warpsPerBlock(sm, best.threadsPerBlock())));
  }

  /** The most registers per thread with which every warp slot of the SM can be filled by blocks of this size. */
  private static Optional<Integer> fullSmRegisterCap(SmLimits sm, LaunchConfig launch) {
    int warps = Occupancy.warpsPerBlock(sm, launch.threadsPerBlock());
    int wanted = Math.min(sm.maxWarpsPerSm() / warps, sm.maxBlocksPerSm());
    for (int regs = sm.maxRegistersPerThread(); regs >= 1; regs--) {
      if (Occupancy.registersLimit(sm, launch.threadsPerBlock(), regs) >= wanted) {
        return Optional.of(regs);
      }
    }
    return Optional.empty();
  }

  private static String fix(OccupancyResult r) {
    SmLimits sm = r.limits();
    LaunchConfig launch = r.launch();
    List<String> fixes = new ArrayList<>();
    if (launch.threadsPerBlock() > sm.maxThreadsPerBlock()) {
      fixes.add("use at most " + n(sm.maxThreadsPerBlock()) + " threads per block");
    } else if (r.blocksByRegisters() == 0) {
      Optional<Integer> cap = registerCap(sm, launch.withRegisters(sm.maxRegistersPerThread() + 1), 1);
      cap.ifPresent(c -> fixes.add("cap registers at " + c + " per thread with __launch_bounds__("
          + launch.threadsPerBlock() + ") or -maxrregcount=" + c + ", or use smaller blocks"));
    }
    if (r.blocksBySharedMemory() == 0) {
      long optInLimit = sm.sharedPerBlockOptInBytes();
      if (!launch.sharedOptIn() && launch.sharedBytes() <= optInLimit) {
        fixes.add("opt in with cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, "
            + n(launch.dynamicSharedBytes()) + ") (up to " + n(optInLimit / 1024) + " KB per block), or cut shared memory to at most "
            + n(sm.sharedPerBlockBytes()) + " B");
      } else {
        fixes.add("use at most " + n(optInLimit) + " B of shared memory per block (" + n(optInLimit / 1024)
            + " KB with the opt-in)");
      }
    }
    return fixes.isEmpty() ? "cannot launch: " + r.problem() : String.join("; ", fixes);
  }

  private static String reach(SmLimits sm, int blocks, int warpsPerBlock) {
    int warps = blocks * warpsPerBlock;
    return blocks + " blocks per SM (" + warps + " warps, " + percent(100.0 * warps / sm.maxWarpsPerSm()) + "%)";
  }
}
