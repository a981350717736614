package dev.kernelplayground.ada;

import static dev.kernelplayground.ada.Numbers.blocks;
import static dev.kernelplayground.ada.Numbers.n;
import static dev.kernelplayground.ada.Numbers.percent;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The CUDA occupancy calculator: how many blocks of a kernel can be resident on one SM at once.
 *
 * <p>It follows {@code cudaOccMaxActiveBlocksPerMultiprocessor} in the CUDA toolkit's {@code cuda_occupancy.h}
 * for compute capability 8.x step by step, with partitioned global caching off (it does not exist on 8.9), no
 * block-barrier limit (that starts with 9.0) and the cache preference left at its default. Each limit gets its
 * own block count and the smallest wins:
 *
 * <ul>
 *   <li>warps: {@code maxWarpsPerSm / ceil(threads / 32)}, or 0 above 1024 threads;
 *   <li>block slots: 24;
 *   <li>registers: registers per warp are rounded up to 256; a block fails if its registers exceed 64 K — the
 *       hardware check counts its warps rounded up to a multiple of the 4 sub-partitions — or a thread uses more
 *       than 255; otherwise each sub-partition's 16,384 registers hold {@code 16384 / regsPerWarp} warps, times 4,
 *       divided by the block's warps;
 *   <li>shared memory: static + dynamic + 1 KB reserved by the driver, rounded up to 128 B; a block fails above
 *       48 KB + 1 KB (99 KB + 1 KB with the opt-in); otherwise the SM's carveout (100 KB by default, or the
 *       smallest carveout step that fits a block when the preference is smaller) divided by the block's share.
 * </ul>
 *
 * <p>The one deliberate difference from the header: it allows 256 registers per thread for 8.x, the Programming
 * Guide and {@code ptxas} allow 255, and so does this class.
 *
 * <p>Input handling: nonsense (no threads, negative counts) throws {@link IllegalArgumentException} from
 * {@link LaunchConfig}; a block the hardware cannot run (more than 1024 threads or 255 registers, too many
 * registers or too much shared memory per block) gives a result with 0 blocks and {@link OccupancyResult#problem()}
 * naming the reason — as {@code cuda_occupancy.h} returns 0 active blocks for it.
 */
public final class Occupancy {
  /** How many results {@link #of} computed on each thread (see {@link #computedOnThisThread}). */
  private static final ThreadLocal<long[]> COMPUTED = ThreadLocal.withInitial(() -> new long[1]);

  private Occupancy() {}

  /**
   * How many occupancies this class has computed on the calling thread so far: lesson 5's checks read it before
   * and after calling a learner's calculator, and refuse one that asks this class instead of computing.
   */
  public static long computedOnThisThread() {
    return COMPUTED.get()[0];
  }

  /** Occupancy of a block described by {@code launch} on an SM with {@code sm}'s limits. */
  public static OccupancyResult of(SmLimits sm, LaunchConfig launch) {
    COMPUTED.get()[0]++;
    int threads = launch.threadsPerBlock();
    int regs = launch.registersPerThread();
    int warpsPerBlock = warpsPerBlock(sm, threads);

    int byWarps = warpsLimit(sm, threads);
    int bySlots = sm.maxBlocksPerSm();
    int byRegisters = registersLimit(sm, threads, regs);
    SharedPlan shared = sharedPlan(sm, launch.sharedBytes(), launch.sharedOptIn(), launch.carveoutPercent());

    int blocksPerSm = Math.min(Math.min(byWarps, bySlots), Math.min(byRegisters, shared.blocks()));
    Set<OccupancyLimiter> limiters = EnumSet.noneOf(OccupancyLimiter.class);
    if (byWarps == blocksPerSm) {
      limiters.add(OccupancyLimiter.WARPS);
    }
    if (bySlots == blocksPerSm) {
      limiters.add(OccupancyLimiter.BLOCKS);
    }
    if (byRegisters == blocksPerSm) {
      limiters.add(OccupancyLimiter.REGISTERS);
    }
    if (shared.blocks() == blocksPerSm) {
      limiters.add(OccupancyLimiter.SHARED_MEMORY);
    }

    long regsPerWarp = registersPerWarp(sm, regs);
    String problem = blocksPerSm > 0 ? "" : problem(sm, launch, byWarps, byRegisters, shared);
    String explanation =
        explain(sm, launch, warpsPerBlock, blocksPerSm, limiters, byWarps, byRegisters, shared, problem);
    return new OccupancyResult(
        sm,
        launch,
        warpsPerBlock,
        blocksPerSm,
        blocksPerSm * warpsPerBlock,
        limiters,
        byWarps,
        bySlots,
        byRegisters,
        shared.blocks(),
        (int) Math.min(Integer.MAX_VALUE, regsPerWarp * warpsPerBlock),
        (int) Math.min(Integer.MAX_VALUE, shared.perBlock()),
        (int) shared.perSm(),
        problem,
        explanation);
  }

  /** Full form: static and dynamic shared memory, and whether the kernel opted in to more than 48 KB. */
  public static OccupancyResult of(
      SmLimits sm,
      int threadsPerBlock,
      int registersPerThread,
      int staticSharedBytes,
      int dynamicSharedBytes,
      boolean sharedOptIn) {
    return of(
        sm,
        new LaunchConfig(
            threadsPerBlock,
            registersPerThread,
            staticSharedBytes,
            dynamicSharedBytes,
            sharedOptIn,
            LaunchConfig.DEFAULT_CARVEOUT));
  }

  /** A block with static shared memory only, no opt-in. */
  public static OccupancyResult of(SmLimits sm, int threadsPerBlock, int registersPerThread, int staticSharedBytes) {
    return of(sm, threadsPerBlock, registersPerThread, staticSharedBytes, 0, false);
  }

  /** A block without shared memory. */
  public static OccupancyResult of(SmLimits sm, int threadsPerBlock, int registersPerThread) {
    return of(sm, threadsPerBlock, registersPerThread, 0, 0, false);
  }

  /** A block without shared memory on an Ada SM ({@link SmLimits#SM_89}). */
  public static OccupancyResult of(int threadsPerBlock, int registersPerThread) {
    return of(SmLimits.SM_89, threadsPerBlock, registersPerThread);
  }

  /**
   * Occupancy curve over block size: {@code base} with 32, 64, ..., 1024 threads per block (every whole number
   * of warps up to the block limit), in that order.
   */
  public static List<OccupancyResult> curveOverThreads(SmLimits sm, LaunchConfig base) {
    List<OccupancyResult> curve = new ArrayList<>();
    for (int threads = sm.warpSize(); threads <= sm.maxThreadsPerBlock(); threads += sm.warpSize()) {
      curve.add(of(sm, base.withThreads(threads)));
    }
    return curve;
  }

  /** Occupancy curve over register use: {@code base} with 1, 2, ..., 255 registers per thread, in that order. */
  public static List<OccupancyResult> curveOverRegisters(SmLimits sm, LaunchConfig base) {
    List<OccupancyResult> curve = new ArrayList<>();
    for (int regs = 1; regs <= sm.maxRegistersPerThread(); regs++) {
      curve.add(of(sm, base.withRegisters(regs)));
    }
    return curve;
  }

  /**
   * Occupancy curve over dynamic shared memory: {@code base} with 0, step, 2·step, ... bytes of dynamic shared
   * memory, up to what one block may use (the opt-in limit if {@code base} opts in).
   */
  public static List<OccupancyResult> curveOverDynamicShared(SmLimits sm, LaunchConfig base, int stepBytes) {
    if (stepBytes <= 0) {
      throw new IllegalArgumentException("step must be positive, got " + stepBytes);
    }
    int max = (base.sharedOptIn() ? sm.sharedPerBlockOptInBytes() : sm.sharedPerBlockBytes()) - base.staticSharedBytes();
    List<OccupancyResult> curve = new ArrayList<>();
    for (int bytes = 0; bytes <= max; bytes += stepBytes) {
      curve.add(of(sm, base.withDynamicShared(bytes)));
    }
    return curve;
  }

  /** Resident blocks only, without the words: for searches over many launches. */
  static int blocksPerSm(SmLimits sm, LaunchConfig launch) {
    int threads = launch.threadsPerBlock();
    int byShared =
        sharedPlan(sm, launch.sharedBytes(), launch.sharedOptIn(), launch.carveoutPercent()).blocks();
    return Math.min(
        Math.min(warpsLimit(sm, threads), sm.maxBlocksPerSm()),
        Math.min(registersLimit(sm, threads, launch.registersPerThread()), byShared));
  }

  // ---- The limits, one per cuda_occupancy.h function ------------------------------------------------------

  static int warpsPerBlock(SmLimits sm, int threads) {
    return ceilDiv(threads, sm.warpSize());
  }

  /** cudaOccMaxBlocksPerSMWarpsLimit (partitioned global caching off). */
  static int warpsLimit(SmLimits sm, int threads) {
    if (threads > sm.maxThreadsPerBlock()) {
      return 0;
    }
    return sm.maxWarpsPerSm() / warpsPerBlock(sm, threads);
  }

  /** Registers allocated to one warp: regs × 32 rounded up to the allocation unit (256). */
  static long registersPerWarp(SmLimits sm, int regs) {
    return roundUp((long) regs * sm.warpSize(), sm.registerAllocationUnit());
  }

  /** Registers the hardware check assumes per block: warps rounded up to a multiple of the sub-partitions. */
  static long registersAssumedPerBlock(SmLimits sm, int threads, int regs) {
    return registersPerWarp(sm, regs) * roundUp(warpsPerBlock(sm, threads), sm.subPartitions());
  }

  /** cudaOccMaxBlocksPerSMRegsLimit (partitioned global caching off). */
  static int registersLimit(SmLimits sm, int threads, int regs) {
    long perWarp = registersPerWarp(sm, regs);
    long warps = warpsPerBlock(sm, threads);
    if (registersAssumedPerBlock(sm, threads, regs) > sm.maxRegistersPerBlock() // hardware check
        || perWarp * warps > sm.maxRegistersPerBlock() // software check
        || regs > sm.maxRegistersPerThread()) {
      return 0;
    }
    if (perWarp == 0) {
      return Integer.MAX_VALUE;
    }
    long warpsPerSubPartition = sm.registersPerSubPartition() / perWarp;
    return (int) (warpsPerSubPartition * sm.subPartitions() / warps);
  }

  /** How a block's shared memory is allocated and how many blocks the SM's carveout holds. */
  record SharedPlan(long userBytes, long perBlock, long perBlockLimit, long perSm, int preferencePercent, int blocks) {}

  /**
   * cudaOccMaxBlocksPerSMSmemLimit for {@code userBytes} = static + dynamic. With the opt-in the kernel's
   * maximum dynamic size is taken to be exactly its dynamic size, as {@code cudaFuncSetAttribute} would set it.
   */
  static SharedPlan sharedPlan(SmLimits sm, long userBytes, boolean optIn, int carveoutPercent) {
    long reserved = sm.reservedSharedPerBlockBytes();
    long perBlock = roundUp(userBytes + reserved, sm.sharedAllocationUnitBytes());
    // cudaOccSMemPerBlock: the opt-in limit applies once the block asks for more than the default limit.
    long limit = (optIn && userBytes + reserved > sm.sharedPerBlockBytes()
            ? sm.sharedPerBlockOptInBytes()
            : sm.sharedPerBlockBytes())
        + reserved;
    long preference = carveoutPreference(sm, carveoutPercent);
    if (perBlock > limit) {
      return new SharedPlan(userBytes, perBlock, limit, preference, carveoutPercent, 0);
    }
    long perSm = preference >= perBlock ? preference : carveoutAtLeast(sm, perBlock);
    int blocks = perBlock == 0 ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, perSm / perBlock);
    return new SharedPlan(userBytes, perBlock, limit, perSm, carveoutPercent, blocks);
  }

  /** cudaOccSMemPreferenceVoltaPlus: the carveout the kernel prefers, rounded up to a carveout step. */
  static long carveoutPreference(SmLimits sm, int carveoutPercent) {
    long wanted = carveoutPercent == LaunchConfig.DEFAULT_CARVEOUT
        ? sm.maxSharedPerSmBytes()
        : (long) carveoutPercent * sm.maxSharedPerSmBytes() / 100;
    return carveoutAtLeast(sm, wanted);
  }

  /** cudaOccAlignUpShmemSizeVoltaPlus: the smallest carveout step holding {@code bytes}. */
  static long carveoutAtLeast(SmLimits sm, long bytes) {
    for (int step : sm.carveoutStepsBytes()) {
      if (bytes <= step) {
        return step;
      }
    }
    throw new IllegalStateException(n(bytes) + " B exceeds the largest shared-memory carveout");
  }

  // ---- Words ----------------------------------------------------------------------------------------------

  private static String problem(SmLimits sm, LaunchConfig launch, int byWarps, int byRegisters, SharedPlan shared) {
    List<String> reasons = new ArrayList<>();
    int threads = launch.threadsPerBlock();
    int regs = launch.registersPerThread();
    if (byWarps == 0) {
      reasons.add("a block of " + n(threads) + " threads exceeds the " + n(sm.maxThreadsPerBlock()) + "-thread limit per block");
    }
    if (regs > sm.maxRegistersPerThread()) {
      reasons.add(regs + " registers per thread exceed the limit of " + sm.maxRegistersPerThread());
    } else if (byRegisters == 0) {
      reasons.add(registersTooMany(sm, threads, regs));
    }
    if (shared.blocks() == 0) {
      reasons.add(sharedTooMuch(sm, launch, shared));
    }
    return String.join("; ", reasons);
  }

  private static String registersTooMany(SmLimits sm, int threads, int regs) {
    long perWarp = registersPerWarp(sm, regs);
    int warps = warpsPerBlock(sm, threads);
    long software = perWarp * warps;
    if (software > sm.maxRegistersPerBlock()) {
      return n(threads) + " threads × " + regs + " registers need " + n(software) + " registers per block ("
          + n(perWarp) + " per warp × " + warps + " warps), more than the " + n(sm.maxRegistersPerBlock())
          + " a block may use";
    }
    int counted = (int) roundUp(warps, sm.subPartitions());
    return n(threads) + " threads × " + regs + " registers: the hardware counts " + counted + " warps ("
        + warps + " rounded up to a multiple of " + sm.subPartitions() + " sub-partitions) × " + n(perWarp)
        + " = " + n(perWarp * counted) + " registers, more than the " + n(sm.maxRegistersPerBlock())
        + " a block may use";
  }

  private static String sharedTooMuch(SmLimits sm, LaunchConfig launch, SharedPlan shared) {
    long reserved = sm.reservedSharedPerBlockBytes();
    String text = "the block needs " + n(shared.perBlock()) + " B of shared memory (" + n(shared.userBytes())
        + " B + " + n(reserved) + " B reserved, rounded up to " + sm.sharedAllocationUnitBytes()
        + " B) but may use at most " + n(shared.perBlockLimit()) + " B ("
        + n((shared.perBlockLimit() - reserved) / 1024) + " KB + " + n(reserved / 1024) + " KB reserved)";
    boolean optInWouldFit = shared.perBlock() <= sm.sharedPerBlockOptInBytes() + reserved;
    if (!launch.sharedOptIn() && optInWouldFit) {
      text += "; opt in with cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, bytes) "
          + "to use up to " + n(sm.sharedPerBlockOptInBytes() / 1024) + " KB of dynamic shared memory";
    }
    return text;
  }

  private static String explain(
      SmLimits sm,
      LaunchConfig launch,
      int warpsPerBlock,
      int blocksPerSm,
      Set<OccupancyLimiter> limiters,
      int byWarps,
      int byRegisters,
      SharedPlan shared,
      String problem) {
    List<String> lines = new ArrayList<>();
    String binding = String.join(" and ", limiters.stream().map(OccupancyLimiter::label).toList());
    if (blocksPerSm == 0) {
      lines.add("cannot launch: " + problem);
    } else {
      int warps = blocksPerSm * warpsPerBlock;
      boolean singular = limiters.equals(Set.of(OccupancyLimiter.SHARED_MEMORY));
      lines.add(binding + (singular ? " binds: " : " bind: ") + blocksPerSm + " blocks × "
          + warpsPerBlock + " warps = " + warps + " of " + sm.maxWarpsPerSm() + " warps per SM ("
          + percent(100.0 * warps / sm.maxWarpsPerSm()) + "% occupancy)");
    }
    lines.add(explainWarps(sm, launch.threadsPerBlock(), warpsPerBlock, byWarps));
    lines.add("block slots: at most " + sm.maxBlocksPerSm() + " resident blocks per SM = " + sm.maxBlocksPerSm() + " blocks");
    lines.add(explainRegisters(sm, launch.threadsPerBlock(), launch.registersPerThread(), warpsPerBlock, byRegisters));
    lines.add(explainShared(sm, launch, shared));
    return String.join("\n", lines);
  }

  private static String explainWarps(SmLimits sm, int threads, int warpsPerBlock, int byWarps) {
    if (threads > sm.maxThreadsPerBlock()) {
      return "warps: " + n(threads) + " threads exceed the " + n(sm.maxThreadsPerBlock()) + "-thread block limit = 0 blocks";
    }
    String rounding = threads % sm.warpSize() == 0 ? "" : " (rounded up to whole warps)";
    return "warps: " + n(threads) + " threads = " + warpsPerBlock + " warps per block" + rounding + "; "
        + sm.maxWarpsPerSm() + " warp slots / " + warpsPerBlock + " = " + byWarps + " blocks";
  }

  private static String explainRegisters(SmLimits sm, int threads, int regs, int warpsPerBlock, int byRegisters) {
    if (regs == 0) {
      return "registers: the kernel uses none = no limit";
    }
    if (regs > sm.maxRegistersPerThread()) {
      return "registers: " + regs + " per thread exceed the limit of " + sm.maxRegistersPerThread() + " = 0 blocks";
    }
    long perWarp = registersPerWarp(sm, regs);
    String rounded = perWarp == (long) regs * sm.warpSize()
        ? ""
        : ", rounded up to a multiple of " + sm.registerAllocationUnit() + " = " + n(perWarp);
    String head = "registers: " + regs + " regs × " + sm.warpSize() + " threads = " + n((long) regs * sm.warpSize())
        + " per warp" + rounded + "; × " + warpsPerBlock + " warps = " + n(perWarp * warpsPerBlock) + " per block";
    if (byRegisters == 0) {
      return head + "; " + registersTooMany(sm, threads, regs) + " = 0 blocks";
    }
    long warpsPerSub = sm.registersPerSubPartition() / perWarp;
    return head + "; each of the " + sm.subPartitions() + " sub-partitions holds " + n(sm.registersPerSubPartition())
        + " registers = " + warpsPerSub + " warps, " + (warpsPerSub * sm.subPartitions()) + " warps per SM / "
        + warpsPerBlock + " = " + byRegisters + " blocks";
  }

  private static String explainShared(SmLimits sm, LaunchConfig launch, SharedPlan shared) {
    String head = "shared memory: " + n(launch.staticSharedBytes()) + " B static + " + n(launch.dynamicSharedBytes())
        + " B dynamic + " + n(sm.reservedSharedPerBlockBytes()) + " B reserved = " + n(shared.perBlock())
        + " B per block (rounded up to " + sm.sharedAllocationUnitBytes() + " B)";
    if (launch.staticSharedBytes() > sm.sharedPerBlockBytes()) {
      head += " [nvcc allows at most " + n(sm.sharedPerBlockBytes() / 1024)
          + " KB of static __shared__; larger buffers must be dynamic]";
    }
    if (shared.blocks() == 0) {
      return head + "; limit " + n(shared.perBlockLimit()) + " B per block = 0 blocks";
    }
    String carveout = launch.carveoutPercent() == LaunchConfig.DEFAULT_CARVEOUT
        ? "default carveout"
        : "carveout preference " + launch.carveoutPercent() + "%";
    return head + "; " + n(shared.perSm()) + " B per SM (" + carveout + ") / " + n(shared.perBlock()) + " = "
        + blocks(shared.blocks()) + " blocks";
  }

  // ---- Integer helpers, as __occDivideRoundUp / __occRoundUp --------------------------------------------------

  static int ceilDiv(int x, int y) {
    return (int) (((long) x + y - 1) / y);
  }

  static long roundUp(long x, long unit) {
    return (x + unit - 1) / unit * unit;
  }
}
