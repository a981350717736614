package dev.kernelplayground.lessonkernels.transpose;

import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.lessonkernels.AparapiCase;
import dev.kernelplayground.problem.TransposeProblem;
import dev.kernelplayground.run.KernelCase;
import java.util.stream.IntStream;

/** The transpose lesson kernels and the plain-Java baseline, bound to a problem. */
public final class TransposeCases {
  private TransposeCases() {}

  public static KernelCase naive(TransposeProblem p, AparapiDevice device) {
    return AparapiCase.rowsByCols("transpose_naive", p, NaiveTransposeKernel::new, NaiveTransposeKernel::grid, NaiveTransposeKernel.GROUP, device);
  }

  public static KernelCase tiled(TransposeProblem p, AparapiDevice device) {
    return AparapiCase.rowsByCols("transpose_tiled", p, TiledTransposeKernel::padded, TiledTransposeKernel::grid, TiledTransposeKernel.TILE, device);
  }

  public static KernelCase tiledUnpadded(TransposeProblem p, AparapiDevice device) {
    return AparapiCase.rowsByCols("transpose_tiled_unpadded", p, TiledTransposeKernel::unpadded, TiledTransposeKernel::grid, TiledTransposeKernel.TILE, device);
  }

  /** The two loops a Java programmer writes, rows of x in parallel. */
  public static KernelCase plainJava(TransposeProblem p) {
    float[] x = p.x();
    int rows = p.rows();
    int cols = p.cols();
    return AparapiCase.plainJava(
        "transpose",
        p,
        out -> {
          IntStream.range(0, rows).parallel().forEach(r -> {
            for (int c = 0; c < cols; c++) {
              out[c * rows + r] = x[r * cols + c];
            }
          });
          return ExecutionTarget.plainJavaLoops();
        });
  }
}
