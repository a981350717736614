package dev.kernelplayground.lessonkernels.conv1d;

import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.lessonkernels.AparapiCase;
import dev.kernelplayground.problem.Conv1dProblem;
import dev.kernelplayground.run.KernelCase;
import java.util.stream.IntStream;

/** The conv1d lesson kernels and the plain-Java baseline, bound to a problem. */
public final class Conv1dCases {
  private Conv1dCases() {}

  public static KernelCase naive(Conv1dProblem p, AparapiDevice device) {
    return AparapiCase.of("conv1d_naive", p, out -> new NaiveConv1dKernel(p.x(), p.w(), out),
        NaiveConv1dKernel::grid, Conv1dKernel.GROUP, device);
  }

  public static KernelCase tiled(Conv1dProblem p, AparapiDevice device) {
    return AparapiCase.of("conv1d_tiled", p, out -> new TiledConv1dKernel(p.x(), p.w(), out),
        TiledConv1dKernel::grid, Conv1dKernel.GROUP, device);
  }

  /** The two loops a Java programmer writes, outputs in parallel. */
  public static KernelCase plainJava(Conv1dProblem p) {
    float[] x = p.x();
    float[] w = p.w();
    int r = w.length / 2;
    return AparapiCase.plainJava(
        "conv1d",
        p,
        out -> {
          IntStream.range(0, x.length).parallel().forEach(i -> {
            float sum = 0f;
            for (int j = Math.max(0, r - i); j < w.length && i + j - r < x.length; j++) {
              sum += w[j] * x[i + j - r];
            }
            out[i] = sum;
          });
          return ExecutionTarget.plainJavaLoops();
        });
  }
}
