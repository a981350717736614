package dev.kernelplayground.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.ada.OccupancyLimiter;
import dev.kernelplayground.ada.SmLimits;
import dev.kernelplayground.cudasource.LaunchDims;
import org.junit.jupiter.api.Test;

/** A ptxas report plus a header's launch give the occupancy cuda_occupancy.h would. */
class KernelOccupancyTest {
  private static ResourceReport report(int registers, int staticShared) {
    return new ResourceReport("k", "k", registers, staticShared, 0, 0, 0, 1, 388);
  }

  @Test
  void registersBindA128RegisterKernel() {
    KernelOccupancy occ = KernelOccupancy.of(SmLimits.SM_89, report(128, 8192), new LaunchDims(8, 8, 1, 256, 1, 1, 0));
    assertEquals(2, occ.result().blocksPerSm());
    assertEquals(16, occ.result().activeWarpsPerSm());
    assertTrue(occ.result().boundBy(OccupancyLimiter.REGISTERS));
    assertTrue(occ.hint().contains("cap registers"), occ.hint());
  }

  @Test
  void dynamicSharedMemoryFromTheHeaderCounts() {
    // 16 KB static + 32 KB dynamic + 1 KB reserved = 49 KB per block: 2 blocks in 100 KB.
    KernelOccupancy occ =
        KernelOccupancy.of(SmLimits.SM_89, report(32, 16 * 1024), new LaunchDims(1, 1, 1, 128, 1, 1, 32 * 1024));
    assertEquals(2, occ.result().blocksPerSm());
    assertTrue(occ.result().boundBy(OccupancyLimiter.SHARED_MEMORY));
  }

  @Test
  void moreThan48KbIsTakenAsOptedIn() {
    KernelOccupancy occ =
        KernelOccupancy.of(SmLimits.SM_89, report(32, 0), new LaunchDims(1, 1, 1, 128, 1, 1, 64 * 1024));
    assertTrue(occ.result().launchable(), occ.result().problem());
    assertEquals(1, occ.result().blocksPerSm());
  }
}
