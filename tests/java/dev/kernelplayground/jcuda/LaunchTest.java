package dev.kernelplayground.jcuda;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Launch geometry, argument checks and the L2 flush size: the parts of a launch that need no GPU. */
class LaunchTest {
  @Test
  void aLinearLaunchCoversATailThatIsNotAMultipleOfTheBlock() {
    LaunchGeometry g = LaunchGeometry.linear(1_000_003, 256);
    assertEquals(3907, g.gridX());
    assertTrue(g.threads() >= 1_000_003 && g.threads() - 1_000_003 < 256);
  }

  @Test
  void tilesRunAlongColumnsInXAndRowsInY() {
    LaunchGeometry g = LaunchGeometry.tiles(333, 517, 16);
    assertEquals(33, g.gridX()); // ⌈517 / 16⌉ columns
    assertEquals(21, g.gridY()); // ⌈333 / 16⌉ rows
    assertEquals(16, g.blockX());
    assertEquals(16, g.blockY());
  }

  @Test
  void aBlockOfMoreThan1024ThreadsIsRefusedInWords() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new LaunchGeometry(1, 1, 1, 64, 32, 1, 0));
    assertEquals("a block of 64×32×1 = 2048 threads is more than the 1024 a block may have", e.getMessage());
  }

  @Test
  void kernelArgumentsAreBuffersOrScalars() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CudaFunction.parameterPointers("k", 3, "x"));
    assertTrue(e.getMessage().startsWith("k: argument 1 is a String"), e.getMessage());
    assertEquals(3, CudaFunction.parameterPointers("k", 1, 2f, 3L).length);
    assertThrows(IllegalArgumentException.class, () -> new KernelArg.Scalar(List.of()));
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
