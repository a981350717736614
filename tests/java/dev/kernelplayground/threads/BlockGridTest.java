package dev.kernelplayground.threads;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class BlockGridTest {
  @Test
  void everyBlockRunsExactlyOnce() {
    BlockGrid grid = new BlockGrid(3);
    AtomicIntegerArray visits = new AtomicIntegerArray(7 * 5);
    grid.launch(7, 5, (x, y) -> visits.incrementAndGet(y * 7 + x));
    for (int i = 0; i < visits.length(); i++) {
      assertEquals(1, visits.get(i), "block " + i);
    }
    assertEquals("java · 3 Java threads on the CPU", grid.target().label());
  }

  @Test
  void anExceptionInTheKernelNamesTheBlockAndTheKernelLine() {
    BlockGrid grid = new BlockGrid(2);
    float[] small = new float[11]; // only block 3 (index 15) is out of bounds
    KernelFailure f =
        assertThrows(
            KernelFailure.class,
            () -> grid.launch(4, 1, (x, y) -> small[x * 5] = 1f));
    assertEquals(3, f.blockX());
    assertTrue(f.getMessage().contains("block (3, 0)"), f.getMessage());
    assertTrue(f.getMessage().contains("ArrayIndexOutOfBoundsException"), f.getMessage());
    assertTrue(f.getMessage().contains("BlockGridTest"), "points at the kernel's own code: " + f.getMessage());
  }

  @Test
  void emptyGridsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new BlockGrid(1).launch(0, 1, (x, y) -> {}));
  }

  @Test
  void anEndlessKernelIsStoppedWaitingForAndTheGridStaysUsable() {
    BlockGrid grid = new BlockGrid(1, java.time.Duration.ofMillis(300));
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    KernelTimeout t =
        assertThrows(
            KernelTimeout.class,
            () -> grid.launch(3, 1, (x, y) -> { while (!stop.get()) { Thread.onSpinWait(); } }));
    assertTrue(t.getMessage().contains("did not finish within 0.300 s (1 of 3 blocks had started)"), t.getMessage());
    stop.set(true); // let the abandoned thread go, so the test leaves nothing behind
    AtomicIntegerArray ran = new AtomicIntegerArray(2);
    grid.launch(2, 1, (x, y) -> ran.incrementAndGet(x));
    assertEquals(1, ran.get(0));
    assertEquals(1, ran.get(1));
  }
}
