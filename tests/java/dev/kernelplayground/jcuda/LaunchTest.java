package dev.kernelplayground.jcuda;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Argument checks, the L2 flush size and fp16 rounding: the parts of a GPU launch that need no GPU. */
class LaunchTest {
  @Test
  void kernelArgumentsAreBuffersOrScalars() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CudaFunction.parameterPointers("k", 3, "x"));
    assertTrue(e.getMessage().startsWith("k: argument 1 is a String"), e.getMessage());
    assertEquals(3, CudaFunction.parameterPointers("k", 1, 2f, 3L).length);
  }

  @Test
  void theL2FlushWritesTwiceTheL2AndAtLeast64MiB() {
    assertEquals(144L << 20, L2Flush.bytesFor(72L << 20)); // RTX 4090
    assertEquals(100L << 20, L2Flush.bytesFor(50L << 20)); // H100
    assertEquals(64L << 20, L2Flush.bytesFor(4L << 20));
  }

  @Test
  void fp16BitsRoundToNearest() {
    short[] bits = DeviceBuffer.toHalfBits(new float[] {1f, 1.0001f, 65504f, 1e6f});
    assertEquals(0x3C00, bits[0] & 0xFFFF);
    assertEquals(0x3C00, bits[1] & 0xFFFF);
    assertEquals(0x7BFF, bits[2] & 0xFFFF);
    assertEquals(0x7C00, bits[3] & 0xFFFF); // overflow is +Inf
  }
}
