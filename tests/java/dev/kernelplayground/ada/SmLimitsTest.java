package dev.kernelplayground.ada;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmLimitsTest {

  /** Compute capability 8.9, as in the CUDA C++ Programming Guide's table and cuda_occupancy.h. */
  @Test
  void computeCapability89() {
    SmLimits sm = SmLimits.SM_89;
    assertEquals(
        new SmLimits("8.9", 32, 1024, 1536, 24, 65_536, 65_536, 255, 256, 4, 128 * 1024, 102_400, 49_152, 101_376,
            128, 1_024, List.of(0, 8192, 16384, 32768, 65536, 102400)),
        sm);
    assertEquals(48, sm.maxWarpsPerSm());
    assertEquals(16_384, sm.registersPerSubPartition());
  }
}
