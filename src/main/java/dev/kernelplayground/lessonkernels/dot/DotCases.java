package dev.kernelplayground.lessonkernels.dot;

import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.lessonkernels.AparapiCase;
import dev.kernelplayground.problem.DotProblem;
import dev.kernelplayground.run.KernelCase;
import java.util.stream.IntStream;

/** The dot-product lesson kernel and the plain-Java baseline, bound to a problem. */
public final class DotCases {
  private DotCases() {}

  public static KernelCase workGroup(DotProblem p, AparapiDevice device) {
    return AparapiCase.of("dot_workgroup", p, out -> new DotWorkGroupKernel(p.x(), p.y(), out), DotWorkGroupKernel::grid, 1, device);
  }

  /** The sum a Java programmer writes: a parallel stream over the indices, in double. */
  public static KernelCase plainJava(DotProblem p) {
    float[] x = p.x();
    float[] y = p.y();
    return AparapiCase.plainJava(
        "dot",
        p,
        out -> {
          out[0] = (float) IntStream.range(0, x.length).parallel().mapToDouble(i -> x[i] * y[i]).sum();
          return ExecutionTarget.plainJavaLoops();
        });
  }
}
