package dev.kernelplayground.jcuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.device.Backend;
import dev.kernelplayground.run.KernelCase;
import dev.kernelplayground.run.Trial;
import dev.kernelplayground.run.TrialResult;
import dev.kernelplayground.testing.Runtimes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the test classes that run on a real NVIDIA GPU share: each test is skipped with the reason ("no NVIDIA
 * GPU: ...") on a machine without one, or fails where KP_REQUIRED_RUNTIMES lists "gpu" (tests/gpu/verify.sh sets
 * it); one {@link GpuSession} is opened at a class's first test and closed after its last; and a trial is checked
 * to have passed, and been timed, on this GPU.
 */
@Tag("gpu")
@ExtendWith(SkipReasons.class)
abstract class GpuFixture {
  /** The runtime name tests/gpu/verify.sh puts in KP_REQUIRED_RUNTIMES. */
  static final String GPU = "gpu";

  /** One warm-up and three timed runs: enough to see a timing, quick enough for every kernel file. */
  static final BenchConfig QUICK = new BenchConfig(1, 3);

  static GpuSession session;

  @BeforeEach
  void needsAGpu() {
    Runtimes.assume(GPU, CudaAvailability.gpuPresent(), "no NVIDIA GPU: " + CudaAvailability.driver().detail());
    if (session == null) {
      session = GpuSession.open();
    }
  }

  @AfterAll
  static void closeSession() {
    if (session != null) {
      session.close();
      session = null;
    }
  }

  /** Checks {@code c} on its first run, times it, and re-checks it after the timed runs. */
  static TrialResult trial(KernelCase c) {
    return Trial.run(c, QUICK, session.cacheFlush());
  }

  /** The trial passed its check and re-check, and was timed on this session's GPU; {@code what} heads a failure. */
  static void assertPassedOnThisGpu(TrialResult r, String what) {
    assertTrue(r.passed(), what + ": " + r.check().findings()
        + (r.recheck() == null ? "" : " / re-check: " + r.recheck().findings()));
    assertEquals(Backend.CUDA, r.timing().target().backend());
    assertTrue(r.timing().target().gpu(), what);
    assertEquals(session.device().name(), r.timing().target().device());
    assertTrue(r.timing().median() > 0, what);
  }
}
