package dev.kernelplayground.lessonkernels.vector;

import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.device.Backend;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.lessonkernels.AparapiCase;
import dev.kernelplayground.problem.CopyProblem;
import dev.kernelplayground.problem.VectorAddProblem;
import dev.kernelplayground.run.KernelCase;
import java.util.stream.IntStream;

/** The elementwise lesson kernels and their plain-Java baselines, bound to a problem. */
public final class VectorCases {
  private VectorCases() {}

  public static KernelCase vectorAdd(VectorAddProblem p, AparapiDevice device) {
    return AparapiCase.of(
        "vector_add", p, out -> new VectorAddKernel(p.a(), p.b(), out), VectorAddKernel::grid, 1, device);
  }

  public static KernelCase copy(CopyProblem p, AparapiDevice device) {
    return AparapiCase.of("copy", p, out -> new CopyKernel(p.x(), out), CopyKernel::grid, 1, device);
  }

  /** c[i] = a[i] + b[i] as a parallel Java loop. */
  public static KernelCase vectorAddPlainJava(VectorAddProblem p) {
    float[] a = p.a();
    float[] b = p.b();
    return AparapiCase.plainJava(
        "vector_add",
        p,
        out -> {
          IntStream.range(0, out.length).parallel().forEach(i -> out[i] = a[i] + b[i]);
          return ExecutionTarget.plainJavaLoops();
        });
  }

  /** The Java library's copy, {@code System.arraycopy}: the JVM's own bandwidth. */
  public static KernelCase copyPlainJava(CopyProblem p) {
    return AparapiCase.plainJava(
        "copy",
        p,
        out -> {
          System.arraycopy(p.x(), 0, out, 0, out.length);
          return new ExecutionTarget(Backend.JAVA, "System.arraycopy on 1 thread", false);
        });
  }
}
