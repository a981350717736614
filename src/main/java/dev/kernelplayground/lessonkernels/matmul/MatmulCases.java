package dev.kernelplayground.lessonkernels.matmul;

import com.aparapi.Kernel;
import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.aparapi.Grid;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.lessonkernels.AparapiCase;
import dev.kernelplayground.problem.MatmulProblem;
import dev.kernelplayground.run.KernelCase;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.IntStream;

/** The matmul lesson kernels and the plain-Java baseline, bound to a problem. */
public final class MatmulCases {
  private MatmulCases() {}

  public static KernelCase naive(MatmulProblem p, AparapiDevice device) {
    return matmul("matmul_naive", p, NaiveMatmulKernel::new, NaiveMatmulKernel::grid, NaiveMatmulKernel.GROUP, device);
  }

  public static KernelCase coalesced(MatmulProblem p, AparapiDevice device) {
    return matmul("matmul_coalesced", p, CoalescedMatmulKernel::new, CoalescedMatmulKernel::grid, CoalescedMatmulKernel.GROUP, device);
  }

  public static KernelCase tiled(MatmulProblem p, AparapiDevice device) {
    return matmul("matmul_tiled", p, TiledMatmulKernel::new, TiledMatmulKernel::grid, TiledMatmulKernel.TILE, device);
  }

  public static KernelCase blockTiled(MatmulProblem p, AparapiDevice device) {
    return matmul("matmul_blocktile_2d", p, BlockTiledMatmulKernel::new, BlockTiledMatmulKernel::grid, BlockTiledMatmulKernel.TILE, device);
  }

  /** The constructor every matmul kernel has: a, b, c, m, n, k. */
  @FunctionalInterface
  private interface MatmulKernel<K extends Kernel> {
    K make(float[] a, float[] b, float[] c, int m, int n, int k);
  }

  private static <K extends Kernel> KernelCase matmul(
      String name, MatmulProblem p, MatmulKernel<K> make, Function<K, Grid> grid, int tile, AparapiDevice device) {
    return AparapiCase.of(name, p, c -> make.make(p.a(), p.b(), c, p.m(), p.n(), p.k()), grid, tile, device);
  }

  /** The textbook i-k-j loop in fp32, rows in parallel: what a Java programmer writes first. */
  public static KernelCase plainJava(MatmulProblem p) {
    return AparapiCase.plainJava(
        "matmul",
        p,
        c -> {
          IntStream.range(0, p.m()).parallel().forEach(row -> multiplyRow(p.a(), p.b(), c, row, p.n(), p.k()));
          return ExecutionTarget.plainJavaLoops();
        });
  }

  private static void multiplyRow(float[] a, float[] b, float[] c, int row, int n, int k) {
    int cRow = row * n;
    Arrays.fill(c, cRow, cRow + n, 0f);
    for (int i = 0; i < k; i++) {
      float aik = a[row * k + i];
      int bRow = i * n;
      for (int col = 0; col < n; col++) {
        c[cRow + col] += aik * b[bRow + col];
      }
    }
  }
}
