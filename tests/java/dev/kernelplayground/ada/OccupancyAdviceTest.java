package dev.kernelplayground.ada;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OccupancyAdviceTest {
  private static final SmLimits SM = SmLimits.SM_89;

  @Test
  void registerBoundSuggestsARegisterCap() {
    String hint = OccupancyAdvice.hint(Occupancy.of(SM, 256, 64));
    assertEquals("cap registers at 40 per thread (now 64) with __launch_bounds__(256, 6) or -maxrregcount=40 "
        + "to reach 6 blocks per SM (48 warps, 100.0%)", hint);
    // The suggestion holds: 40 registers give 6 blocks.
    assertEquals(6, Occupancy.of(SM, 256, 40).blocksPerSm());
  }

  @Test
  void sharedMemoryBoundSuggestsASmallerBuffer() {
    // 24 KB + 1 KB = 25,600 B → 4 blocks; 6 blocks need ≤ 17,066 B each → 17,024 B allocated (a multiple of 128) → 16,000 B usable.
    String hint = OccupancyAdvice.hint(Occupancy.of(SM, 256, 32, 24 * 1024));
    assertTrue(hint.startsWith("cut shared memory to at most 16,000 B per block (now 24,576 B"), hint);
    assertTrue(hint.endsWith("to reach 6 blocks per SM (48 warps, 100.0%)"), hint);
    assertEquals(6, Occupancy.of(SM, 256, 32, 16_000).blocksPerSm());
    assertEquals(5, Occupancy.of(SM, 256, 32, 16_001).blocksPerSm());
  }

  @Test
  void bothResourcesBindingNeedBothCuts() {
    // 64 registers → 4 blocks; 24 KB → 4 blocks: cutting one alone does nothing.
    OccupancyResult r = Occupancy.of(SM, 256, 64, 24 * 1024);
    assertEquals(4, r.blocksPerSm());
    String hint = OccupancyAdvice.hint(r);
    assertTrue(hint.contains("cap registers at 40") && hint.contains(" and cut shared memory to at most 16,000 B"), hint);
  }

  @Test
  void warpBoundSuggestsABlockSize() {
    // 1024 threads: 32 of 48 warps. 768 threads (24 warps) × 2 fill the SM; 32 registers allow it.
    String hint = OccupancyAdvice.hint(Occupancy.of(SM, 1024, 32));
    assertEquals("use 768 threads per block (now 1024) to reach 2 blocks per SM (48 warps, 100.0%)", hint);
  }

  @Test
  void blockSlotBoundSuggestsBiggerBlocks() {
    String hint = OccupancyAdvice.hint(Occupancy.of(SM, 32, 32));
    assertEquals("use 64 threads per block (now 32) to reach 24 blocks per SM (48 warps, 100.0%)", hint);
  }

  @Test
  void blockSizeTogetherWithRegisterCap() {
    // 1024 threads × 64 registers: warps and registers both give 1 block. Neither a smaller block alone (registers
    // still hold 32 warps) nor fewer registers alone (one 32-warp block) helps: both together do.
    String hint = OccupancyAdvice.hint(Occupancy.of(SM, 1024, 64));
    assertEquals("use 768 threads per block (now 1024) and cap registers at 40 per thread (now 64) with "
        + "__launch_bounds__(768, 2) to reach 2 blocks per SM (48 warps, 100.0%)", hint);
  }

  @Test
  void fullOccupancyNeedsNothing() {
    assertTrue(OccupancyAdvice.hint(Occupancy.of(SM, 256, 32)).startsWith("occupancy is already 100%"));
  }

  @Test
  void unlaunchableBlocksGetAFix() {
    assertTrue(OccupancyAdvice.hint(Occupancy.of(SM, 2048, 32)).contains("use at most 1,024 threads per block"));
    String regs = OccupancyAdvice.hint(Occupancy.of(SM, 1024, 72));
    assertTrue(regs.startsWith("cap registers at 64 per thread with __launch_bounds__(1024)"), regs);
    String smem = OccupancyAdvice.hint(Occupancy.of(SM, 256, 32, 0, 60_000, false));
    assertTrue(smem.startsWith("opt in with cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, 60,000)"), smem);
    String tooMuch = OccupancyAdvice.hint(Occupancy.of(SM, 256, 32, 0, 200_000, true));
    assertTrue(tooMuch.startsWith("use at most 101,376 B of shared memory per block"), tooMuch);
  }
}
