package dev.kernelplayground.bench;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.problem.MatmulProblem;
import dev.kernelplayground.run.KernelCase;
import dev.kernelplayground.run.Trial;
import dev.kernelplayground.run.TrialResult;
import dev.kernelplayground.threads.BlockGrid;
import dev.kernelplayground.tour.TiledMatmul;
import dev.kernelplayground.tour.TourKernels;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The check → benchmark → re-check path. */
class TrialTest {
  private static final long SEED = new SplittableRandom().nextLong(1, 1_000_000);

  @Test
  void aCorrectKernelIsCheckedTimedAndRechecked() {
    KernelCase c = TourKernels.tiledMatmul(45, 70, 33, SEED, BlockGrid.shared());
    TrialResult r = Trial.run(c, new BenchConfig(1, 3), CacheFlush.NONE);
    assertTrue(r.passed(), "seed " + SEED + ": " + r.check().findings());
    assertEquals(3, r.timing().seconds().length);
    assertEquals("after 4 timed runs", r.recheck().stage());
    assertFalse(r.timing().target().gpu());
  }

  @Test
  void aKernelThatOnlyWorksOnceIsCaughtByTheRecheck() {
    MatmulProblem p = MatmulProblem.random(40, 50, 30, SEED);
    AtomicInteger calls = new AtomicInteger();
    BlockGrid grid = BlockGrid.shared();
    KernelCase c =
        KernelCase.wallClockTimed(
            "accumulates_into_output",
            p,
            out -> {
              ExecutionTarget t = TiledMatmul.run(grid, p.a(), p.b(), out, 40, 50, 30);
              if (calls.incrementAndGet() > 1) {
                out[17] += 1f; // a second run disturbs what the first one wrote
              }
              return t;
            },
            TiledMatmul.TILE,
            Precision.FP32);
    TrialResult r = Trial.run(c, new BenchConfig(1, 2), CacheFlush.NONE);
    assertTrue(r.check().passed(), "first run is right; seed " + SEED);
    assertFalse(r.recheck().passed());
    assertFalse(r.passed());
    assertEquals("(row 0, col 17)", r.recheck().firstMismatches().get(0).where());
  }

  @Test
  void aFailingKernelIsNotTimed() {
    MatmulProblem p = MatmulProblem.random(20, 20, 20, SEED);
    KernelCase c = KernelCase.wallClockTimed("writes nothing", p, out -> ExecutionTarget.javaThreads(1), 1, Precision.FP32);
    TrialResult r = Trial.run(c, new BenchConfig(1, 2), CacheFlush.NONE);
    assertFalse(r.passed());
    assertNull(r.timing());
    assertNull(r.recheck());
  }
}
