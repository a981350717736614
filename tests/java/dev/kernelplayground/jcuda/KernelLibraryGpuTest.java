package dev.kernelplayground.jcuda;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.compile.CudaToolkit;
import dev.kernelplayground.cudasource.BoundKernel;
import dev.kernelplayground.cudasource.KernelLibrary;
import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.cudasource.OddSizes;
import dev.kernelplayground.device.Backend;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.run.Trial;
import dev.kernelplayground.run.TrialResult;
import dev.kernelplayground.testing.Runtimes;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of kernels/ on a real GPU: compiled by nvcc for its architecture, bound to its check's problem at
 * two odd shapes with two seeds (attention once causal, once not), run through {@code run.Trial}: checked on the
 * first run, timed, and re-checked after the timed runs. Without a GPU (or without nvcc) every test is skipped
 * with the reason; where KP_REQUIRED_RUNTIMES lists "gpu" a missing GPU fails instead.
 */
@Tag("gpu")
@ExtendWith(SkipReasons.class)
class KernelLibraryGpuTest {
  private static final BenchConfig QUICK = new BenchConfig(1, 3);
  private static final long[] SEEDS = {RandomInputs.newSeed(), RandomInputs.newSeed()};
  private static GpuSession session;

  static Stream<Path> kernelFiles() {
    return KernelLibrary.find().allFiles().stream();
  }

  @BeforeEach
  void needsAGpuAndNvcc() {
    Runtimes.assume(CudaGpuTest.GPU, CudaAvailability.gpuPresent(),
        "no NVIDIA GPU: " + CudaAvailability.driver().detail());
    Runtimes.assume(Runtimes.CUDA_TOOLKIT, CudaToolkit.find().isPresent(),
        "kernels/ is compiled by nvcc at run time: " + CudaToolkit.whereLooked());
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

  @ParameterizedTest
  @MethodSource("kernelFiles")
  void passesItsCheckAtOddShapesWithTwoSeeds(Path file) {
    KernelSource source = KernelSource.load(file);
    for (int variant = 0; variant < SEEDS.length; variant++) {
      BoundKernel bound = BoundKernel.bind(source, OddSizes.gpu(source.header().check(), variant), SEEDS[variant]);
      int mark = session.context().mark();
      try {
        TrialResult r = Trial.run(session.prepare(bound), QUICK, session.cacheFlush());
        assertTrue(r.passed(), bound.describe() + ": " + r.check().findings()
            + (r.recheck() == null ? "" : " / re-check: " + r.recheck().findings()));
        assertEquals(Backend.CUDA, r.timing().target().backend());
        assertEquals(session.device().name(), r.timing().target().device());
        assertTrue(r.timing().median() > 0, bound.describe());
      } finally {
        session.context().releaseTo(mark);
      }
    }
  }
}
