package dev.kernelplayground.aparapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.bench.CacheFlush;
import dev.kernelplayground.device.Backend;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.problem.MatmulProblem;
import dev.kernelplayground.problem.VectorAddProblem;
import dev.kernelplayground.run.KernelCase;
import dev.kernelplayground.run.Trial;
import dev.kernelplayground.run.TrialResult;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Aparapi lesson kernels against their references, on PoCL and on Aparapi's Java thread pool. */
class AparapiKernelsTest {
  private static final long SEED = new Random().nextLong(1, 1_000_000);
  private static final BenchConfig ONCE_MORE = new BenchConfig(0, 1);

  @Tag("opencl")
  @ParameterizedTest
  @CsvSource({"127, 129, 131", "45, 70, 33"})
  void tiledMatmulOnOpenCl(int m, int n, int k) {
    AparapiDevice cl = OpenCl.firstDevice();
    ExecutionTarget where = passes(AparapiCases.tiledMatmul(MatmulProblem.random(m, n, k, SEED), cl));
    assertEquals(Backend.OPENCL, where.backend());
    assertEquals(cl.name(), where.device());
  }

  @ParameterizedTest
  @CsvSource({"127, 129, 131", "45, 70, 33"})
  void tiledMatmulOnJavaThreads(int m, int n, int k) {
    AparapiDevice jtp = AparapiDevices.byId("jtp");
    ExecutionTarget where = passes(AparapiCases.tiledMatmul(MatmulProblem.random(m, n, k, SEED), jtp));
    assertEquals(Backend.JAVA, where.backend());
    assertEquals(AparapiDevices.JTP_NAME, where.device());
  }

  @Tag("opencl")
  @ParameterizedTest
  @ValueSource(ints = {1_000_003, 1})
  void vectorAddOnOpenCl(int n) {
    AparapiDevice cl = OpenCl.firstDevice();
    ExecutionTarget where = passes(AparapiCases.vectorAdd(VectorAddProblem.random(n, SEED), cl));
    assertEquals(Backend.OPENCL, where.backend());
  }

  @ParameterizedTest
  @ValueSource(ints = {1_000_003, 1})
  void vectorAddOnJavaThreads(int n) {
    ExecutionTarget where =
        passes(AparapiCases.vectorAdd(VectorAddProblem.random(n, SEED), AparapiDevices.byId("java")));
    assertEquals(Backend.JAVA, where.backend());
  }

  /** Checks, times once, re-checks; returns where the timed run executed. */
  private static ExecutionTarget passes(KernelCase c) {
    TrialResult r = Trial.run(c, ONCE_MORE, CacheFlush.NONE);
    assertTrue(r.passed(), "seed " + SEED + ": " + r.check().findings()
        + (r.recheck() == null ? "" : " / " + r.recheck().findings()));
    return r.timing().target();
  }
}
