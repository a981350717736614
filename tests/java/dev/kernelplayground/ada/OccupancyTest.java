package dev.kernelplayground.ada;

import static dev.kernelplayground.ada.OccupancyLimiter.BLOCKS;
import static dev.kernelplayground.ada.OccupancyLimiter.REGISTERS;
import static dev.kernelplayground.ada.OccupancyLimiter.SHARED_MEMORY;
import static dev.kernelplayground.ada.OccupancyLimiter.WARPS;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-checked occupancy cases on compute capability 8.9. Each expected value is reasoned from cuda_occupancy.h
 * (cudaOccMaxBlocksPerSM{Warps,Regs,Smem}Limit, 24 block slots) with the 8.9 limits of the CUDA C++ Programming
 * Guide; the NVIDIA CUDA Occupancy Calculator spreadsheet gives the same numbers for 8.9. The oracle test
 * additionally compares thousands of cases with the header itself.
 */
class OccupancyTest {
  private static final SmLimits SM = SmLimits.SM_89;
  private static final int KB = 1024;

  record Case(
      String why,
      int threads,
      int regs,
      int staticSmem,
      int dynamicSmem,
      boolean optIn,
      int carveout,
      int blocks,
      int warps,
      double percent,
      Set<OccupancyLimiter> limiters) {
    @Override
    public String toString() {
      return threads + " thr / " + regs + " regs / " + staticSmem + "+" + dynamicSmem + " B" + (optIn ? " opt-in" : "")
          + (carveout >= 0 ? " carveout " + carveout + "%" : "") + " -> " + blocks + " blocks: " + why;
    }
  }

  static Case c(String why, int threads, int regs, int blocks, int warps, double percent, OccupancyLimiter... by) {
    return new Case(why, threads, regs, 0, 0, false, -1, blocks, warps, percent, EnumSet.copyOf(List.of(by)));
  }

  static Case smem(String why, int threads, int regs, int stat, int dyn, boolean optIn, int blocks, int warps,
      double percent, OccupancyLimiter... by) {
    return new Case(why, threads, regs, stat, dyn, optIn, -1, blocks, warps, percent, EnumSet.copyOf(List.of(by)));
  }

  static Stream<Case> handChecked() {
    return Stream.of(
        // Warps: 48 slots / 8 warps = 6. Registers: 32 × 32 = 1,024 per warp, 16,384 / 1,024 = 16 warps per
        // sub-partition × 4 = 64 warps / 8 = 8. Shared: 1 KB reserved → 102,400 / 1,024 = 100. min = 6.
        c("the classic 256-thread block fills the SM", 256, 32, 6, 48, 100.0, WARPS),
        // Registers: 64 × 32 = 2,048 per warp → 8 warps per sub-partition → 32 warps / 8 = 4 blocks = 32 warps.
        c("64 registers halve the register-file capacity", 256, 64, 4, 32, 66.7, REGISTERS),
        // No registers: no register limit (INT_MAX in the header); warps 48 / 4 = 12.
        c("a kernel using no registers", 128, 0, 12, 48, 100.0, WARPS),
        // Warps would allow 48 one-warp blocks, but only 24 block slots exist: 24 warps.
        c("one-warp blocks run out of block slots", 32, 32, 24, 24, 50.0, BLOCKS),
        // Warps 48 / 32 = 1 (16 slots idle); registers 64 / 32 = 2.
        c("1024-thread blocks leave 16 warp slots idle", 1024, 32, 1, 32, 66.7, WARPS),
        // Registers: 2,048 per warp → 32 warps per SM / 32 = 1, the same as warps: both reported.
        c("1024 threads × 64 registers: warps and registers tie", 1024, 64, 1, 32, 66.7, WARPS, REGISTERS),
        // 40 × 32 = 1,280 per warp (a multiple of 256) → 12 warps per sub-partition → 48 / 8 = 6, tying warps.
        c("40 registers is the most that still fills the SM at 256 threads", 256, 40, 6, 48, 100.0, WARPS, REGISTERS),
        // 33 × 32 = 1,056, rounded up to 1,280 per warp: the same as 40 registers.
        c("33 registers are allocated like 40", 256, 33, 6, 48, 100.0, WARPS, REGISTERS),
        // 48 × 32 = 1,536 per warp → 10 warps per sub-partition → 40 / 8 = 5 blocks = 40 warps.
        c("48 registers", 256, 48, 5, 40, 83.3, REGISTERS),
        // 255 × 32 = 8,160 → 8,192 per warp → 2 warps per sub-partition → 8 warps per SM.
        c("255 registers allow 8 warps per SM", 32, 255, 8, 8, 16.7, REGISTERS),
        // 1,024 × 72 needs 2,304 × 32 = 73,728 registers > 65,536 per block: cannot launch.
        c("1024 threads × 72 registers exceed 64K registers per block", 1024, 72, 0, 0, 0.0, REGISTERS),
        // 17 warps × 3,584 = 60,928 fits the software check, but the hardware counts 20 warps (rounded up to 4
        // sub-partitions): 71,680 > 65,536, so 0 blocks.
        c("hardware register check rounds warps up to 4", 544, 112, 0, 0, 0.0, REGISTERS),
        // 3 warps per block: 48 / 3 = 16 blocks, registers 64 / 3 = 21.
        c("96-thread blocks divide 48 warps", 96, 32, 16, 48, 100.0, WARPS),
        // 20 warps per block: 48 / 20 = 2 → 40 warps.
        c("640-thread blocks", 640, 32, 2, 40, 83.3, WARPS),
        // 33 threads occupy 2 warps: warps 48 / 2 = 24 = block slots 24; 48 warps (31 threads idle per block).
        c("33 threads round up to 2 warps; warps and block slots tie", 33, 32, 24, 48, 100.0, WARPS, BLOCKS),
        // Above 1,024 threads the warp limit is 0.
        c("more than 1024 threads per block", 1025, 32, 0, 0, 0.0, WARPS),
        // 48 KB + 1 KB reserved = 50,176 B: exactly the default limit 48 KB + 1 KB; 102,400 / 50,176 = 2.
        smem("48 KB static shared memory", 256, 32, 48 * KB, 0, false, 2, 16, 33.3, SHARED_MEMORY),
        // 32 KB + 1 KB = 33,792 B → 102,400 / 33,792 = 3.
        smem("32 KB static shared memory", 256, 32, 32 * KB, 0, false, 3, 24, 50.0, SHARED_MEMORY),
        // 12 KB + 1 KB = 13,312 B → 7 blocks (warps would allow 12).
        smem("12 KB at 128 threads", 128, 32, 12 * KB, 0, false, 7, 28, 58.3, SHARED_MEMORY),
        // 49,153 + 1,024 rounded up to 128 = 50,304 B > 50,176 B limit without the opt-in.
        smem("one byte over 48 KB without opt-in", 256, 32, 48 * KB + 1, 0, false, 0, 0, 0.0, SHARED_MEMORY),
        // With the opt-in the limit is 99 KB + 1 KB = 102,400 B; 102,400 / 50,304 = 2.
        smem("one byte over 48 KB with opt-in", 256, 32, 0, 48 * KB + 1, true, 2, 16, 33.3, SHARED_MEMORY),
        // 64 KB + 1 KB = 66,560 B → 1 block of 4 warps.
        smem("64 KB dynamic with opt-in", 128, 32, 0, 64 * KB, true, 1, 4, 8.3, SHARED_MEMORY),
        // 99 KB + 1 KB = 102,400 B: exactly the opt-in limit and the whole SM.
        smem("99 KB dynamic with opt-in", 128, 32, 0, 99 * KB, true, 1, 4, 8.3, SHARED_MEMORY),
        // 99 KB + 1 B: 102,528 B > 102,400 B.
        smem("over 99 KB even with opt-in", 128, 32, 0, 99 * KB + 1, true, 0, 0, 0.0, SHARED_MEMORY),
        // Static + dynamic add up: 16 KB + 16 KB + 1 KB = 33,792 B → 3.
        smem("static and dynamic add up", 256, 32, 16 * KB, 16 * KB, false, 3, 24, 50.0, SHARED_MEMORY),
        // 100 B + 1,024 B = 1,124 → rounded up to 1,152 B → 88 blocks, not binding.
        smem("shared memory is allocated in 128-byte units", 256, 32, 100, 0, false, 6, 48, 100.0, WARPS),
        // Carveout preference 0%: the SM gets the smallest carveout that fits a block (8 KB) → 8 blocks of
        // 1,024 B; warps would allow 24.
        new Case("carveout 0% leaves 8 KB of shared memory", 64, 32, 0, 0, false, 0, 8, 16, 33.3,
            EnumSet.of(SHARED_MEMORY)),
        // Carveout 50%: 51,200 B rounded up to the 64 KB step; 65,536 / 33,792 = 1 block.
        new Case("carveout 50% gives a 64 KB carveout", 256, 32, 32 * KB, 0, false, 50, 1, 8, 16.7,
            EnumSet.of(SHARED_MEMORY)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("handChecked")
  void handCheckedCases(Case k) {
    OccupancyResult r =
        Occupancy.of(SM, new LaunchConfig(k.threads(), k.regs(), k.staticSmem(), k.dynamicSmem(), k.optIn(), k.carveout()));
    assertAll(
        () -> assertEquals(k.blocks(), r.blocksPerSm(), "blocks per SM\n" + r.explanation()),
        () -> assertEquals(k.warps(), r.activeWarpsPerSm(), "active warps"),
        () -> assertEquals(k.percent(), r.occupancyPercent(), 0.05, "occupancy %"),
        () -> assertEquals(k.limiters(), r.limiters(), "binding limits"),
        () -> assertEquals(k.blocks() > 0, r.launchable()),
        () -> assertEquals(k.blocks() == 0, !r.problem().isEmpty(), "problem: " + r.problem()));
  }

  @Test
  void perLimitCountsAndAllocations() {
    OccupancyResult r = Occupancy.of(SM, 256, 64, 8192);
    assertAll(
        () -> assertEquals(6, r.blocksByWarps()),
        () -> assertEquals(24, r.blocksByBlockSlots()),
        () -> assertEquals(4, r.blocksByRegisters()),
        () -> assertEquals(11, r.blocksBySharedMemory(), "102,400 / (8,192 + 1,024)"),
        () -> assertEquals(4, r.blocksLimitedBy(REGISTERS)),
        () -> assertEquals(16_384, r.allocatedRegistersPerBlock(), "2,048 per warp × 8 warps"),
        () -> assertEquals(9_216, r.allocatedSharedBytesPerBlock()),
        () -> assertEquals(102_400, r.sharedBytesPerSm()),
        () -> assertEquals(8, r.warpsPerBlock()),
        () -> assertEquals(1024, r.activeThreadsPerSm()),
        () -> assertEquals("registers", r.limitersInWords()));
  }

  @Test
  void noRegistersMeansNoRegisterLimit() {
    OccupancyResult r = Occupancy.of(SM, 128, 0);
    assertEquals(Integer.MAX_VALUE, r.blocksByRegisters());
    assertEquals(0, r.allocatedRegistersPerBlock());
  }

  @Test
  void explanationSpellsOutTheBindingLimit() {
    String text = Occupancy.of(SM, 256, 64).explanation();
    assertTrue(text.startsWith("registers bind: 4 blocks × 8 warps = 32 of 48 warps per SM (66.7% occupancy)"), text);
    assertTrue(text.contains("64 regs × 32 threads = 2,048 per warp"), text);
    assertTrue(text.contains("each of the 4 sub-partitions holds 16,384 registers = 8 warps"), text);
    assertTrue(text.contains("48 warp slots / 8 = 6 blocks"), text);
    assertTrue(text.contains("102,400 B per SM (default carveout) / 1,024 = 100 blocks"), text);
    assertEquals(5, text.lines().count(), "a summary and one line per limit");

    String tie = Occupancy.of(SM, 33, 32).explanation();
    assertTrue(tie.startsWith("warps (threads) and block slots bind:"), tie);
    assertTrue(tie.contains("33 threads = 2 warps per block (rounded up to whole warps)"), tie);
  }

  @Test
  void tooBigLaunchesGiveZeroBlocksAndTheReason() {
    OccupancyResult threads = Occupancy.of(SM, 2048, 32);
    assertFalse(threads.launchable());
    assertTrue(threads.problem().contains("2,048 threads exceeds the 1,024-thread limit"), threads.problem());

    OccupancyResult regs = Occupancy.of(SM, 256, 256);
    assertEquals(0, regs.blocksPerSm());
    assertTrue(regs.problem().contains("256 registers per thread exceed the limit of 255"), regs.problem());

    OccupancyResult regsPerBlock = Occupancy.of(SM, 1024, 72);
    assertTrue(regsPerBlock.problem().contains("73,728 registers per block"), regsPerBlock.problem());

    OccupancyResult hardware = Occupancy.of(SM, 544, 112);
    assertTrue(hardware.problem().contains("the hardware counts 20 warps"), hardware.problem());

    OccupancyResult smem = Occupancy.of(SM, 256, 32, 0, 60_000, false);
    assertEquals(0, smem.blocksPerSm());
    assertEquals(Set.of(SHARED_MEMORY), smem.limiters());
    assertTrue(smem.problem().contains("61,056 B") && smem.problem().contains("at most 50,176 B"), smem.problem());
    assertTrue(smem.problem().contains("opt in"), smem.problem());
    assertTrue(smem.explanation().startsWith("cannot launch: "), smem.explanation());
    assertEquals(1, Occupancy.of(SM, 256, 32, 0, 60_000, true).blocksPerSm());
  }

  @Test
  void nonsenseInputThrows() {
    assertThrows(IllegalArgumentException.class, () -> Occupancy.of(SM, 0, 32));
    assertThrows(IllegalArgumentException.class, () -> Occupancy.of(SM, -32, 32));
    assertThrows(IllegalArgumentException.class, () -> Occupancy.of(SM, 256, -1));
    assertThrows(IllegalArgumentException.class, () -> Occupancy.of(SM, 256, 32, -1));
    assertThrows(IllegalArgumentException.class, () -> Occupancy.of(SM, 256, 32, 0, -1, false));
    assertThrows(IllegalArgumentException.class, () -> new LaunchConfig(256, 32, 0, 0, false, 101));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Occupancy.of(SM, 0, 32));
    assertTrue(e.getMessage().contains("threads per block must be positive"), e.getMessage());
  }

  @Test
  void curveOverThreads() {
    List<OccupancyResult> curve = Occupancy.curveOverThreads(SM, LaunchConfig.of(32, 64));
    assertEquals(32, curve.size());
    assertEquals(32, curve.get(0).launch().threadsPerBlock());
    assertEquals(1024, curve.get(31).launch().threadsPerBlock());
    // 64 registers: the register file holds 32 warps, so no block size exceeds 66.7%.
    assertTrue(curve.stream().allMatch(r -> r.activeWarpsPerSm() <= 32));
    assertEquals(24, curve.get(0).activeWarpsPerSm(), "32 threads: 24 block slots");
    assertEquals(32, curve.get(7).activeWarpsPerSm(), "256 threads: 4 blocks");
    assertEquals(64, curve.get(1).launch().registersPerThread());
  }

  @Test
  void curveOverRegisters() {
    List<OccupancyResult> curve = Occupancy.curveOverRegisters(SM, LaunchConfig.of(256, 32));
    assertEquals(255, curve.size());
    assertEquals(1, curve.get(0).launch().registersPerThread());
    assertEquals(255, curve.get(254).launch().registersPerThread());
    assertEquals(48, curve.get(39).activeWarpsPerSm(), "40 registers: 100%");
    assertEquals(40, curve.get(40).activeWarpsPerSm(), "41 registers: 5 blocks");
    assertEquals(8, curve.get(254).activeWarpsPerSm(), "255 registers: 1 block of 8 warps");
    for (int i = 1; i < curve.size(); i++) {
      assertTrue(curve.get(i).activeWarpsPerSm() <= curve.get(i - 1).activeWarpsPerSm(), "never rises with more registers");
    }
  }

  @Test
  void curveOverDynamicShared() {
    List<OccupancyResult> plain = Occupancy.curveOverDynamicShared(SM, LaunchConfig.of(256, 32), 4096);
    assertEquals(13, plain.size(), "0, 4 KB, ..., 48 KB");
    assertTrue(plain.stream().allMatch(OccupancyResult::launchable));
    List<OccupancyResult> optIn =
        Occupancy.curveOverDynamicShared(SM, LaunchConfig.of(256, 32).withSharedOptIn(true), 1024);
    assertEquals(100, optIn.size(), "0 .. 99 KB");
    assertEquals(1, optIn.get(99).blocksPerSm());
    assertThrows(IllegalArgumentException.class, () -> Occupancy.curveOverDynamicShared(SM, LaunchConfig.of(256, 32), 0));
  }
}
