package dev.kernelplayground.lessonkernels;

import com.aparapi.Kernel;
import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.aparapi.AparapiLaunch;
import dev.kernelplayground.aparapi.Grid;
import dev.kernelplayground.device.KernelLaunch;
import dev.kernelplayground.problem.Problem;
import dev.kernelplayground.problem.RowsByColsProblem;
import dev.kernelplayground.run.KernelCase;
import java.util.function.Function;

/**
 * A lesson kernel bound to its problem and an Aparapi device, ready for {@code Trial}: checked against the
 * reference and timed by the wall clock, which includes Aparapi's copies to and from the device, as a
 * learner's call to {@code execute} does.
 */
public final class AparapiCase {
  private AparapiCase() {}

  /**
   * @param make builds the kernel writing into the given output buffer
   * @param tile the kernel's tile edge, for the error map
   */
  public static <K extends Kernel> KernelCase of(
      String name, Problem problem, Function<float[], K> make, Function<K, Grid> grid, int tile, AparapiDevice device) {
    return of(name, problem, AparapiLaunch.of(make, grid, device), tile);
  }

  /** The constructor every kernel over one rows×cols matrix x has (softmax, transpose): x, out, rows, cols. */
  @FunctionalInterface
  public interface RowsByColsKernel<K extends Kernel> {
    K make(float[] x, float[] out, int rows, int cols);
  }

  /** A kernel over the problem's x, built by its {@code (x, out, rows, cols)} constructor. */
  public static <K extends Kernel> KernelCase rowsByCols(
      String name, RowsByColsProblem p, RowsByColsKernel<K> make, Function<K, Grid> grid, int tile, AparapiDevice device) {
    return of(name, p, out -> make.make(p.x(), out, p.rows(), p.cols()), grid, tile, device);
  }

  /** Refuses sizes that are not positive, or x and out that are not rows×cols floats, naming the task. */
  public static void requireRowsByCols(String task, float[] x, float[] out, int rows, int cols) {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException(String.format("%s sizes must be positive, got %d×%d", task, rows, cols));
    }
    if (x.length != rows * cols || out.length != rows * cols) {
      throw new IllegalArgumentException(
          String.format(
              "%s %d×%d needs x and out of %d floats; got %d and %d",
              task, rows, cols, rows * cols, x.length, out.length));
    }
  }

  public static KernelCase of(String name, Problem problem, KernelLaunch launch, int tile) {
    return KernelCase.wallClockTimed(name, problem, launch, tile, Precision.FP32);
  }

  /** A plain-Java baseline: ordinary loops, no kernel, no device. */
  public static KernelCase plainJava(String name, Problem problem, KernelLaunch loops) {
    return KernelCase.wallClockTimed(name, problem, loops, 1, Precision.FP32);
  }
}
