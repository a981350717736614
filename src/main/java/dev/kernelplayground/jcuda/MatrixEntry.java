package dev.kernelplayground.jcuda;

import dev.kernelplayground.run.KernelCase;
import java.util.List;

/**
 * One row group of the benchmark matrix: a kernel, the family it is compared within, the sizes it runs
 * at, and how to build its case for a size. The integrator feeds the kernels/ library in as more entries,
 * e.g. a PTX file or a .cu compiled at run time:
 *
 * <pre>{@code
 * MatrixEntry.of("sgemm_v3_smem", Family.MATMUL_FP32, MatrixEntry.squares(1024, 2048, 4096),
 *     (session, size, seed) -> {
 *       CudaModule module = session.module(PtxSource.compile(Path.of("kernels/sgemm/v3.cu"),
 *           session.device().computeArch()));
 *       MatmulProblem p = MatmulProblem.random(size[0], size[1], size[2], seed);
 *       return CudaKernelCases.of("sgemm_v3_smem", p, session.context(), module.function("sgemm"),
 *           LaunchGeometry.tiles(p.m(), p.n(), 32), List.of(KernelArg.input("a"), KernelArg.input("b"),
 *           KernelArg.output(), KernelArg.of(p.m()), KernelArg.of(p.n()), KernelArg.of(p.k())),
 *           32, Precision.FP32);
 *     })
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
    MEMORY(null);

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
