package dev.kernelplayground.lessonkernels.scan;

import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.device.Backend;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.lessonkernels.AparapiCase;
import dev.kernelplayground.problem.ScanProblem;
import dev.kernelplayground.run.KernelCase;

/** The scan lesson kernel and the plain-Java baseline, bound to a problem. */
public final class ScanCases {
  private ScanCases() {}

  public static KernelCase koggeStone(ScanProblem p, AparapiDevice device) {
    return AparapiCase.of(
        "scan_kogge_stone", p, out -> new KoggeStoneScanKernel(p.x(), out, p.n()), KoggeStoneScanKernel::grid,
        KoggeStoneScanKernel.GROUP, device);
  }

  /** The loop a Java programmer writes: a running sum, one thread (each element needs the one before). */
  public static KernelCase plainJava(ScanProblem p) {
    float[] x = p.x();
    return AparapiCase.plainJava(
        "scan",
        p,
        out -> {
          float sum = 0f;
          for (int i = 0; i < x.length; i++) {
            sum += x[i];
            out[i] = sum;
          }
          return new ExecutionTarget(Backend.JAVA, "a running sum on 1 thread", false);
        });
  }
}
