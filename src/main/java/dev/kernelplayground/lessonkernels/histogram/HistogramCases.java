package dev.kernelplayground.lessonkernels.histogram;

import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.device.Backend;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.lessonkernels.AparapiCase;
import dev.kernelplayground.problem.HistogramProblem;
import dev.kernelplayground.run.KernelCase;

/** The histogram lesson kernel and the plain-Java baseline, bound to a problem. */
public final class HistogramCases {
  private HistogramCases() {}

  public static KernelCase workGroup(HistogramProblem p, AparapiDevice device) {
    return AparapiCase.of("histogram_workgroup", p, out -> new HistogramWorkGroupKernel(p.x(), out), HistogramWorkGroupKernel::grid, 1, device);
  }

  /** The loop a Java programmer writes: one pass, one counter per bin. */
  public static KernelCase plainJava(HistogramProblem p) {
    float[] x = p.x();
    return AparapiCase.plainJava(
        "histogram",
        p,
        out -> {
          int[] counts = new int[out.length];
          for (float v : x) {
            counts[(int) v]++;
          }
          for (int b = 0; b < counts.length; b++) {
            out[b] = counts[b];
          }
          return new ExecutionTarget(Backend.JAVA, "a Java loop on 1 thread", false);
        });
  }
}
