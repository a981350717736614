package dev.kernelplayground.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.ada.Occupancy;
import dev.kernelplayground.ada.SmLimits;
import org.junit.jupiter.api.Test;

/**
 * Lesson 5's hand-worked occupancy table and the playground's calculator hold each other honest: every row agrees
 * with {@link Occupancy#of}, and the most registers that fit a row's blocks is its cap. And the calculator counts
 * what it computes on this thread, which is how the lesson's checks refuse an answer that delegates to it.
 */
class OccupancyAnswersTest {
  @Test
  void everyHandWorkedBlockCountIsTheCalculators() {
    for (OccupancyAnswers.Blocks row : OccupancyAnswers.blocks()) {
      assertEquals(row.blocks(), Occupancy.of(SmLimits.SM_89, row.threads(), row.registers(), row.sharedBytes()).blocksPerSm(),
          row.toString());
    }
  }

  @Test
  void everyHandWorkedCapIsTheMostRegistersThatFitTheBlocks() {
    for (OccupancyAnswers.Cap row : OccupancyAnswers.caps()) {
      assertTrue(Occupancy.of(SmLimits.SM_89, row.threads(), row.registers()).blocksPerSm() >= row.blocks(), row.toString());
      if (row.registers() < SmLimits.SM_89.maxRegistersPerThread()) {
        assertTrue(Occupancy.of(SmLimits.SM_89, row.threads(), row.registers() + 1).blocksPerSm() < row.blocks(), row.toString());
      }
    }
  }

  @Test
  void theCalculatorCountsWhatItComputesOnThisThread() {
    long before = Occupancy.computedOnThisThread();
    Occupancy.of(256, 32);
    Occupancy.of(SmLimits.SM_89, 128, 40, 1024);
    assertEquals(before + 2, Occupancy.computedOnThisThread());
  }
}
