package dev.kernelplayground.cudasource;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** CUDA's launch limits, written once: a LaunchDims that exists is a launch CUDA accepts. */
class LaunchDimsTest {
  @Test
  void aBlockOfMoreThan1024ThreadsIsRefusedInWords() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new LaunchDims(1, 1, 1, 64, 32, 1, 0));
    assertEquals("block (64,32,1) is not a valid CUDA block: x and y at most 1024, z at most 64, at most 1024"
        + " threads in all", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new LaunchDims(1, 1, 1, 1, 1, 65, 0));
    assertThrows(IllegalArgumentException.class, () -> new LaunchDims(1, 1, 1, 0, 1, 1, 0));
  }

  @Test
  void gridYAndZStopAt65535AndXAt2To31() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new LaunchDims(1, 65_536, 1, 32, 1, 1, 0));
    assertEquals("grid (1,65536,1) is not a valid CUDA grid: x up to 2^31-1, y and z up to 65535", e.getMessage());
    assertEquals(Integer.MAX_VALUE, new LaunchDims(Integer.MAX_VALUE, 65_535, 65_535, 1024, 1, 1, 0).gridX());
    assertThrows(IllegalArgumentException.class, () -> new LaunchDims(1, 1, 1, 32, 1, 1, -1));
  }

  @Test
  void theFirstBrokenLimitIsNamedWithItsAxis() {
    LaunchDims.Violation v = LaunchDims.violation(new long[] {1, 1, 1}, new long[] {32, 32, 2}).orElseThrow();
    assertEquals(new LaunchDims.Violation(LaunchDims.Limit.THREADS, -1, 2048, 1024), v);
    LaunchDims.Violation z = LaunchDims.violation(new long[] {1, 1, 70_000}, new long[] {1, 1, 1}).orElseThrow();
    assertEquals(new LaunchDims.Violation(LaunchDims.Limit.GRID, 2, 70_000, 65_535), z);
    assertTrue(LaunchDims.violation(new long[] {3, 2, 1}, new long[] {16, 16, 4}).isEmpty());
  }
}
