package dev.kernelplayground.jcuda;

import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.problem.CopyProblem;
import dev.kernelplayground.problem.MatmulProblem;
import dev.kernelplayground.problem.Problem;
import dev.kernelplayground.problem.VectorAddProblem;
import dev.kernelplayground.run.KernelCase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CUDA kernels bound to a problem, ready for {@code run.Trial}: checked against the float64 reference
 * with the checker's traps (poisoned output, watched inputs) and timed with CUDA events. Every run reports
 * {@code ExecutionTarget(Backend.CUDA, <GPU name>, true)}.
 */
public final class CudaKernelCases {
  private CudaKernelCases() {}

  /**
   * Any kernel: its arguments in order ({@link KernelArg}), its launch geometry.
   *
   * @param tile the kernel's tile edge for the error map (1 when untiled)
   */
  public static KernelCase of(
      String kernel,
      Problem problem,
      CudaContext context,
      CudaFunction function,
      LaunchGeometry geometry,
      List<KernelArg> args,
      int tile,
      Precision precision) {
    Map<String, Element> inputs = new LinkedHashMap<>();
    Element outputElement = null;
    for (KernelArg arg : args) {
      switch (arg) {
        case KernelArg.Input in -> inputs.put(in.name(), in.element());
        case KernelArg.Output out -> {
          if (outputElement != null) {
            throw new IllegalArgumentException(kernel + ": only one output argument is supported");
          }
          outputElement = out.element();
        }
        case KernelArg.Scalar s -> { }
      }
    }
    if (outputElement == null) {
      throw new IllegalArgumentException(kernel + ": no output argument; where would the result go?");
    }
    DeviceCase device = new DeviceCase(kernel, problem, context, inputs, outputElement);
    Object[] values =
        args.stream()
            .map(
                arg ->
                    switch (arg) {
                      case KernelArg.Input in -> (Object) device.input(in.name());
                      case KernelArg.Output out -> device.output();
                      case KernelArg.Scalar s -> s.value();
                    })
            .toArray();
    CudaFunction.Launch launch = function.prepare(geometry, values);
    return device.bind(launch::enqueue, tile, precision);
  }

  /** {@code vector_add(a, b, c, n)} from the playground kernels: one thread per element, 256 per block. */
  public static KernelCase vectorAdd(CudaContext context, CudaModule module, VectorAddProblem p) {
    int n = p.outputSize();
    return of(
        "cuda_vector_add",
        p,
        context,
        module.function("vector_add"),
        LaunchGeometry.linear(n, 256),
        List.of(KernelArg.input("a"), KernelArg.input("b"), KernelArg.output(), KernelArg.of(n)),
        1,
        Precision.FP32);
  }

  /** {@code matmul_tiled(a, b, c, m, n, k)} from the playground kernels: 16×16 shared-memory tiles. */
  public static KernelCase tiledMatmul(CudaContext context, CudaModule module, MatmulProblem p) {
    int tile = 16;
    return of(
        "cuda_matmul_tiled",
        p,
        context,
        module.function("matmul_tiled"),
        LaunchGeometry.tiles(p.m(), p.n(), tile),
        List.of(
            KernelArg.input("a"), KernelArg.input("b"), KernelArg.output(),
            KernelArg.of(p.m()), KernelArg.of(p.n()), KernelArg.of(p.k())),
        tile,
        Precision.FP32);
  }

  /**
   * {@code copy_float4(in, out, n)}: a grid-stride float4 copy with 8 blocks of 256 threads per SM (fewer
   * when there is less work), for the bandwidth column.
   */
  public static KernelCase copy(CudaContext context, CudaModule module, CopyProblem p) {
    int n = p.outputSize();
    int block = 256;
    long vectors = Math.max(1, n / 4);
    int wanted = (int) Math.min((vectors + block - 1) / block, (long) context.device().smCount() * 8);
    return of(
        "cuda_copy_float4",
        p,
        context,
        module.function("copy_float4"),
        new LaunchGeometry(Math.max(1, wanted), 1, 1, block, 1, 1, 0),
        List.of(KernelArg.input("x"), KernelArg.output(), KernelArg.of(n)),
        1,
        Precision.FP32);
  }
}
