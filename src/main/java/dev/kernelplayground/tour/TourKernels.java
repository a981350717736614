package dev.kernelplayground.tour;

import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.problem.MatmulProblem;
import dev.kernelplayground.problem.VectorAddProblem;
import dev.kernelplayground.run.KernelCase;
import dev.kernelplayground.threads.BlockGrid;

/**
 * The tour's two kernels, written in plain Java against the block grid (CUDA's blocks and threads over a
 * pool of Java threads): they run anywhere, with no OpenCL and no GPU.
 */
public final class TourKernels {
  private TourKernels() {}

  public static KernelCase vectorAdd(int n, long seed, BlockGrid grid) {
    VectorAddProblem p = VectorAddProblem.random(n, seed);
    return KernelCase.wallClockTimed(
        "vector_add", p, out -> VectorAdd.run(grid, p.a(), p.b(), out), 1, Precision.FP32);
  }

  public static KernelCase tiledMatmul(int m, int n, int k, long seed, BlockGrid grid) {
    MatmulProblem p = MatmulProblem.random(m, n, k, seed);
    return KernelCase.wallClockTimed(
        "matmul_tiled",
        p,
        out -> TiledMatmul.run(grid, p.a(), p.b(), out, p.m(), p.n(), p.k()),
        TiledMatmul.TILE,
        Precision.FP32);
  }
}
