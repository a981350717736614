package dev.kernelplayground.problem;

import static dev.kernelplayground.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The heap check before a problem allocates: garbage is not a reason to refuse, a real shortage is. */
class MemoryBudgetTest {
  private static long used() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  @Test
  void theLastProblemsArraysDoNotCountOnceUnreachable() {
    long max = Runtime.getRuntime().maxMemory();
    System.gc();
    long live = used();
    float[] lastProblem = new float[(int) Math.min(Integer.MAX_VALUE - 8, max / 4 / Float.BYTES)];
    lastProblem[lastProblem.length - 1] = 1;
    assertEquals(1f, lastProblem[lastProblem.length - 1]);
    lastProblem = null; // unreachable, and counted as used by the heap until the next collection
    double next = max - live - max / 8.0; // fits once the last problem's quarter of the heap is collected
    assertDoesNotThrow(() -> MemoryBudget.require("the next problem", next));
  }

  @Test
  void aProblemLargerThanTheHeapIsRefusedWithTheFigures() {
    long max = Runtime.getRuntime().maxMemory();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MemoryBudget.require("matmul 99999×99999×99999", max * 1.5));
    assertContains(e.getMessage(), "matmul 99999×99999×99999 needs about ");
    assertContains(e.getMessage(), "KP_JAVA_OPTS=-Xmx");
  }
}
