package dev.kernelplayground.ada;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmLimitsTest {

  /** Compute capability 8.9, as in the CUDA C++ Programming Guide's table and cuda_occupancy.h. */
  @Test
  void computeCapability89() {
    SmLimits sm = SmLimits.SM_89;
    assertAll(
        () -> assertEquals("8.9", sm.computeCapability()),
        () -> assertEquals(32, sm.warpSize()),
        () -> assertEquals(1024, sm.maxThreadsPerBlock()),
        () -> assertEquals(1536, sm.maxThreadsPerSm()),
        () -> assertEquals(48, sm.maxWarpsPerSm()),
        () -> assertEquals(24, sm.maxBlocksPerSm()),
        () -> assertEquals(65_536, sm.registersPerSm()),
        () -> assertEquals(65_536, sm.maxRegistersPerBlock()),
        () -> assertEquals(255, sm.maxRegistersPerThread()),
        () -> assertEquals(256, sm.registerAllocationUnit()),
        () -> assertEquals(4, sm.subPartitions()),
        () -> assertEquals(16_384, sm.registersPerSubPartition()),
        () -> assertEquals(128 * 1024, sm.l1AndSharedPerSmBytes()),
        () -> assertEquals(102_400, sm.maxSharedPerSmBytes()),
        () -> assertEquals(49_152, sm.sharedPerBlockBytes()),
        () -> assertEquals(101_376, sm.sharedPerBlockOptInBytes()),
        () -> assertEquals(128, sm.sharedAllocationUnitBytes()),
        () -> assertEquals(1_024, sm.reservedSharedPerBlockBytes()),
        () -> assertEquals(List.of(0, 8192, 16384, 32768, 65536, 102400), sm.carveoutStepsBytes()));
  }
}
