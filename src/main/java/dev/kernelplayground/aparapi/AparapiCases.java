package dev.kernelplayground.aparapi;

import com.aparapi.Kernel;
import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.device.KernelLaunch;
import dev.kernelplayground.problem.MatmulProblem;
import dev.kernelplayground.problem.VectorAddProblem;
import dev.kernelplayground.run.KernelCase;
import java.util.function.Function;

/**
 * The Aparapi lesson kernels bound to their problems and a device, ready for {@code Trial}: checked
 * against the reference and timed by the wall clock (which includes Aparapi's copies to and from the
 * device, as a learner's call to {@code execute} does).
 */
public final class AparapiCases {
  private AparapiCases() {}

  public static KernelCase vectorAdd(VectorAddProblem p, AparapiDevice device) {
    return KernelCase.wallClockTimed(
        "aparapi_vector_add",
        p,
        launch(out -> new VectorAddKernel(p.a(), p.b(), out), k -> k.grid(), device),
        1,
        Precision.FP32);
  }

  public static KernelCase tiledMatmul(MatmulProblem p, AparapiDevice device) {
    return KernelCase.wallClockTimed(
        "aparapi_matmul_tiled",
        p,
        launch(out -> new TiledMatmulKernel(p.a(), p.b(), out, p.m(), p.n(), p.k()), k -> k.grid(), device),
        TiledMatmulKernel.TILE,
        Precision.FP32);
  }

  /**
   * A launch that builds the kernel for each output buffer it is given (an Aparapi kernel holds its arrays)
   * and reuses it while the buffer stays the same, so the OpenCL program is built once, not per run.
   */
  static <K extends Kernel> KernelLaunch launch(
      Function<float[], K> make, Function<K, Grid> grid, AparapiDevice device) {
    return new KernelLaunch() {
      private float[] lastOut;
      private K kernel;

      @Override
      public synchronized ExecutionTarget run(float[] out) {
        if (out != lastOut) {
          if (kernel != null) {
            kernel.dispose();
          }
          kernel = make.apply(out);
          lastOut = out;
        }
        return AparapiRunner.run(kernel, grid.apply(kernel), device);
      }
    };
  }
}
