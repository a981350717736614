package dev.kernelplayground.aparapi;

import com.aparapi.Kernel;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.device.KernelLaunch;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** Turns an Aparapi kernel into a {@link KernelLaunch} that runs on one chosen device. */
public final class AparapiLaunch {
  private AparapiLaunch() {}

  /**
   * A launch that builds the kernel for each output buffer it is given (an Aparapi kernel holds its
   * arrays) and reuses it while the buffer stays the same, so the OpenCL program is built once, not per
   * run.
   *
   * @param make builds the kernel writing into the given output
   * @param grid the kernel's launch shape
   */
  public static <K extends Kernel> AparapiKernelLaunch of(
      Function<float[], K> make, Function<K, Grid> grid, AparapiDevice device) {
    return reusing(make, kernel -> AparapiRunner.run(kernel, grid.apply(kernel), device), List::of, K::dispose);
  }

  /**
   * The same for anything built per output buffer — a kernel, or several run in order — with its own way
   * to run and to release.
   */
  public static <T> AparapiKernelLaunch reusing(
      Function<float[], T> make,
      Function<T, ExecutionTarget> run,
      Function<T, List<Kernel>> kernels,
      Consumer<T> dispose) {
    return new AparapiKernelLaunch() {
      private float[] lastOut;
      private T built;

      @Override
      public synchronized ExecutionTarget run(float[] out) {
        if (out != lastOut) {
          if (built != null) {
            dispose.accept(built);
          }
          built = make.apply(out);
          lastOut = out;
        }
        return run.apply(built);
      }

      @Override
      public synchronized List<Kernel> kernels() {
        return built == null ? List.of() : kernels.apply(built);
      }
    };
  }
}
