package dev.kernelplayground.jcuda;

import dev.kernelplayground.check.Arithmetic;
import dev.kernelplayground.cudasource.KernelLibrary;
import dev.kernelplayground.problem.GpuComparison;
import dev.kernelplayground.problem.MatmulProblem;
import dev.kernelplayground.problem.ProblemFamilies;
import dev.kernelplayground.run.KernelCase;
import java.util.ArrayList;
import java.util.List;

/**
 * What the GPU verification runs: the correctness checks (odd shapes that are not multiples of any tile)
 * and the benchmark matrix (cuBLAS first, since the others are reported as a percentage of it). Every file of
 * the kernels/ library joins both ({@link LibraryMatrix}) when the run can find the kernels/ folder.
 */
public final class GpuMatrices {
  private GpuMatrices() {}

  /** The checks: both cuBLAS baselines and every kernels/ file on odd shapes. */
  public static List<MatrixEntry> checks(GpuSession session) {
    List<MatrixEntry> checks = new ArrayList<>();
    if (session.cublas().isPresent()) {
      List<int[]> odd = ProblemFamilies.MATMUL.gpuChecks().subList(0, 1);
      checks.add(MatrixEntry.of("cublas_sgemm", GpuComparison.CUBLAS_SGEMM, odd, GpuMatrices::sgemm));
      checks.add(MatrixEntry.of("cublas_hgemm", GpuComparison.CUBLAS_HGEMM, odd, GpuMatrices::hgemm));
    }
    library(session).ifPresent(library -> checks.addAll(LibraryMatrix.checks(library)));
    return checks;
  }

  /**
   * The benchmark matrix: cuBLAS SGEMM and HGEMM at the matmul family's benchmark sizes (1024, 2048, 4096; 256
   * and 512 when quick), then every kernels/ file (each once) at the sizes {@link LibraryMatrix} gives.
   */
  public static List<MatrixEntry> benchmarks(GpuSession session, boolean quick) {
    List<int[]> squares = ProblemFamilies.MATMUL.benchSizes(quick);
    List<MatrixEntry> matrix = new ArrayList<>();
    if (session.cublas().isPresent()) {
      matrix.add(MatrixEntry.of("cublas_sgemm", GpuComparison.CUBLAS_SGEMM, squares, GpuMatrices::sgemm));
      matrix.add(MatrixEntry.of("cublas_hgemm", GpuComparison.CUBLAS_HGEMM, squares, GpuMatrices::hgemm));
    }
    library(session).ifPresent(library -> matrix.addAll(LibraryMatrix.benchmarks(library, quick)));
    return matrix;
  }

  /**
   * The kernels/ folder ({@link KernelLibrary#find()}: from the working directory up, else the checkout the
   * playground runs from). Without it, or without nvcc or NVRTC to compile it for this GPU, the
   * report says so and runs the rest.
   */
  static java.util.Optional<KernelLibrary> library(GpuSession session) {
    java.util.Optional<String> noCompiler = GpuCompiler.missing();
    if (noCompiler.isPresent()) {
      session.note("the kernels/ library was not run: " + noCompiler.get());
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(KernelLibrary.find());
    } catch (IllegalArgumentException none) {
      session.note("the kernels/ library was not run: " + none.getMessage());
      return java.util.Optional.empty();
    }
  }

  static KernelCase sgemm(GpuSession s, int[] size, long seed) {
    return s.cublas().orElseThrow(() -> new CudaUnavailableException(s.cublasMissing()))
        .sgemm(MatmulProblem.random(size[0], size[1], size[2], seed));
  }

  static KernelCase hgemm(GpuSession s, int[] size, long seed) {
    return s.cublas().orElseThrow(() -> new CudaUnavailableException(s.cublasMissing()))
        .hgemm(MatmulProblem.random(size[0], size[1], size[2], seed, Arithmetic.FP16_IN_FP32_ACC));
  }
}
