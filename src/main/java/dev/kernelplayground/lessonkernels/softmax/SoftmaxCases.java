package dev.kernelplayground.lessonkernels.softmax;

import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.lessonkernels.AparapiCase;
import dev.kernelplayground.problem.SoftmaxProblem;
import dev.kernelplayground.run.KernelCase;
import java.util.stream.IntStream;

/** The softmax lesson kernels and the plain-Java baseline, bound to a problem. */
public final class SoftmaxCases {
  private SoftmaxCases() {}

  public static KernelCase naive(SoftmaxProblem p, AparapiDevice device) {
    return AparapiCase.rowsByCols("softmax_naive", p, NaiveSoftmaxKernel::new, NaiveSoftmaxKernel::grid, 1, device);
  }

  public static KernelCase online(SoftmaxProblem p, AparapiDevice device) {
    return AparapiCase.rowsByCols("softmax_online", p, OnlineSoftmaxKernel::new, OnlineSoftmaxKernel::grid, 1, device);
  }

  public static KernelCase workGroup(SoftmaxProblem p, AparapiDevice device) {
    return AparapiCase.rowsByCols("softmax_workgroup", p, WorkGroupSoftmaxKernel::new, WorkGroupSoftmaxKernel::grid, 1, device);
  }

  /** Three passes per row with {@code Math.exp}, rows in parallel. */
  public static KernelCase plainJava(SoftmaxProblem p) {
    return AparapiCase.plainJava(
        "softmax",
        p,
        out -> {
          IntStream.range(0, p.rows()).parallel().forEach(row -> softmaxRow(p.x(), out, row * p.cols(), p.cols()));
          return ExecutionTarget.plainJavaLoops();
        });
  }

  private static void softmaxRow(float[] x, float[] out, int base, int cols) {
    float rowMax = x[base];
    for (int j = 1; j < cols; j++) {
      rowMax = Math.max(rowMax, x[base + j]);
    }
    float sum = 0f;
    for (int j = 0; j < cols; j++) {
      float e = (float) Math.exp(x[base + j] - rowMax);
      out[base + j] = e;
      sum += e;
    }
    for (int j = 0; j < cols; j++) {
      out[base + j] /= sum;
    }
  }
}
