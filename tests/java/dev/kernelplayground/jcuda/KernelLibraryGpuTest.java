package dev.kernelplayground.jcuda;

import dev.kernelplayground.compile.CudaToolkit;
import dev.kernelplayground.cudasource.BoundKernel;
import dev.kernelplayground.cudasource.KernelLibrary;
import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.cudasource.OddSizes;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.testing.Runtimes;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of kernels/ on a real GPU: compiled by nvcc for its architecture, bound to its check's problem at
 * two odd shapes with two seeds (attention once causal, once not), run through {@code run.Trial}: checked on the
 * first run, timed, and re-checked after the timed runs. Without a GPU (or without nvcc) every test is skipped
 * with the reason; where KP_REQUIRED_RUNTIMES lists "gpu" a missing GPU fails instead.
 */
class KernelLibraryGpuTest extends GpuFixture {
  private static final long[] SEEDS = {RandomInputs.newSeed(), RandomInputs.newSeed()};

  static Stream<Path> kernelFiles() {
    return KernelLibrary.find().allFiles().stream();
  }

  @BeforeEach
  void needsNvcc() {
    Runtimes.assume(Runtimes.CUDA_TOOLKIT, CudaToolkit.find().isPresent(),
        "kernels/ is compiled by nvcc at run time: " + CudaToolkit.whereLooked());
  }

  @ParameterizedTest
  @MethodSource("kernelFiles")
  void passesItsCheckAtOddShapesWithTwoSeeds(Path file) {
    KernelSource source = KernelSource.load(file);
    for (int variant = 0; variant < SEEDS.length; variant++) {
      BoundKernel bound = BoundKernel.bind(source, OddSizes.gpu(source.header().check(), variant), SEEDS[variant]);
      int mark = session.context().mark();
      try {
        assertPassedOnThisGpu(trial(session.prepare(bound)), bound.describe());
      } finally {
        session.context().releaseTo(mark);
      }
    }
  }
}
