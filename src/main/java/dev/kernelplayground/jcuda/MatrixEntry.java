package dev.kernelplayground.jcuda;

import dev.kernelplayground.problem.GpuComparison;
import dev.kernelplayground.run.KernelCase;
import java.util.List;

/**
 * One row group of the benchmark matrix: a kernel, what its speed is compared with, the sizes it runs
 * at, and how to build its case for a size. The kernels/ library comes in through {@link LibraryMatrix}; a
 * single .cu file joins like this:
 *
 * <pre>{@code
 * KernelSource source = KernelSource.load(Path.of("kernels/matmul/07_warptile.cu"));
 * MatrixEntry.of(source.id(), GpuComparison.CUBLAS_SGEMM, ProblemFamilies.MATMUL.benchSizes(false),
 *     (session, size, seed) -> session.prepare(
 *         BoundKernel.bind(source, Map.of("m", size[0], "n", size[1], "k", size[2]), seed)));
 * }</pre>
 *
 * @param kernel the name shown in the report
 * @param comparison what its speed is a percentage of
 * @param sizes the problem sizes, e.g. {m, n, k} for a matmul or {n} for a vector
 * @param factory builds the checked and timed case for one size
 */
public record MatrixEntry(String kernel, GpuComparison comparison, List<int[]> sizes, CaseFactory factory) {
  /** Builds the case for one size with a fresh seed. */
  @FunctionalInterface
  public interface CaseFactory {
    KernelCase create(GpuSession session, int[] size, long seed);
  }

  public MatrixEntry {
    sizes = List.copyOf(sizes);
  }

  public static MatrixEntry of(String kernel, GpuComparison comparison, List<int[]> sizes, CaseFactory factory) {
    return new MatrixEntry(kernel, comparison, sizes, factory);
  }
}
