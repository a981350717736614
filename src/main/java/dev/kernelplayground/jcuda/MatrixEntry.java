package dev.kernelplayground.jcuda;

import dev.kernelplayground.run.KernelCase;
import java.util.List;

/**
 * One row group of the benchmark matrix: a kernel, the family it is compared within, the sizes it runs
 * at, and how to build its case for a size. The kernels/ library comes in through {@link LibraryMatrix}; a
 * single .cu file joins like this:
 *
 * <pre>{@code
 * KernelSource source = KernelSource.load(Path.of("kernels/matmul/07_warptile.cu"));
 * MatrixEntry.of(source.id(), Family.MATMUL_FP32, MatrixEntry.squares(1024, 2048, 4096),
 *     (session, size, seed) -> session.prepare(
 *         BoundKernel.bind(source, Map.of("m", size[0], "n", size[1], "k", size[2]), seed)));
 * }</pre>
 *
 * @param kernel the name shown in the report
 * @param family what its speed is compared with
 * @param sizes the problem sizes, e.g. {m, n, k} for a matmul or {n} for a vector
 * @param factory builds the checked and timed case for one size
 */
public record MatrixEntry(String kernel, Family family, List<int[]> sizes, CaseFactory factory) {
  /** What a kernel's speed is a percentage of. */
  public enum Family {
    /** fp32 GEMM: % of cuBLAS SGEMM at the same size. */
    MATMUL_FP32("cublas_sgemm"),
    /** fp16-input GEMM with fp32 accumulate: % of cuBLAS HGEMM (tensor cores) at the same size. */
    MATMUL_FP16("cublas_hgemm"),
    /** Memory-bound kernels: % of the GPU's peak DRAM bandwidth. */
    MEMORY(null),
    /** Softmax: % of peak DRAM bandwidth, and % of the copy kernel's bandwidth on as many elements. */
    SOFTMAX(null),
    /** Attention: the speed-up over the naive three-kernel version at the same shape. */
    ATTENTION(null);

    private final String baseline;

    Family(String baseline) {
      this.baseline = baseline;
    }

    /** The kernel this family's rows are a percentage of, or null for % of peak bandwidth. */
    public String baseline() {
      return baseline;
    }
  }

  /** Builds the case for one size with a fresh seed. */
  @FunctionalInterface
  public interface CaseFactory {
    KernelCase create(GpuSession session, int[] size, long seed);
  }

  public MatrixEntry {
    sizes = List.copyOf(sizes);
  }

  public static MatrixEntry of(String kernel, Family family, List<int[]> sizes, CaseFactory factory) {
    return new MatrixEntry(kernel, family, sizes, factory);
  }

  /** Square matmul sizes {n, n, n}. */
  public static List<int[]> squares(int... edges) {
    return java.util.Arrays.stream(edges).mapToObj(e -> new int[] {e, e, e}).toList();
  }

  /** Vector lengths {n}. */
  public static List<int[]> lengths(int... ns) {
    return java.util.Arrays.stream(ns).mapToObj(n -> new int[] {n}).toList();
  }
}
