package dev.kernelplayground.jcuda;

import dev.kernelplayground.cudasource.BoundArg;
import dev.kernelplayground.cudasource.BoundKernel;
import dev.kernelplayground.cudasource.BoundLaunch;
import dev.kernelplayground.cudasource.ElementType;
import dev.kernelplayground.cudasource.LaunchDims;
import dev.kernelplayground.run.KernelCase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Any kernels/ file on a GPU, from its {@link BoundKernel}: the file compiled for this GPU, a device buffer
 * per bound buffer (inputs as float or fp16, the output, scratch buffers filled with NaN so a kernel that
 * reads what nobody wrote fails), and every launch run in order — in the checked run and in each timed run,
 * so a multi-kernel file like attention/01_naive is timed as a whole. The case goes through
 * {@code run.Trial} like any other.
 *
 * <pre>{@code
 * BoundKernel bound = BoundKernel.bind(KernelSource.load(file), sizes, seed);
 * TrialResult r = Trial.run(BoundKernelCases.of(session, bound), BenchConfig.DEFAULT, session.flush());
 * }</pre>
 */
public final class BoundKernelCases {
  private BoundKernelCases() {}

  /** The bound file compiled for the session's GPU (PTX cached) and ready to check and time. */
  public static KernelCase of(GpuSession session, BoundKernel bound) {
    return of(session.context(), session.module(bound.source()), bound);
  }

  /** The bound file's launches from an already loaded module. */
  public static KernelCase of(CudaContext context, CudaModule module, BoundKernel bound) {
    Map<String, Element> inputs = new LinkedHashMap<>();
    for (BoundArg.Input in : bound.inputBuffers()) {
      inputs.put(in.name(), element(in.element()));
    }
    DeviceCase device = new DeviceCase(bound.id(), bound.problem(), context, inputs, Element.FP32);
    Map<String, DeviceBuffer> scratch = new HashMap<>();
    for (BoundArg.Scratch s : bound.scratchBuffers()) {
      DeviceBuffer buffer = context.allocate(s.name(), element(s.element()), s.elements());
      buffer.fillBytes((byte) 0xFF); // NaN in fp32 and in fp16
      scratch.put(s.name(), buffer);
    }
    List<CudaFunction.Launch> launches = new ArrayList<>();
    for (BoundLaunch launch : bound.launches()) {
      Object[] values = launch.args().stream()
          .map(arg -> switch (arg) {
            case BoundArg.Input in -> (Object) device.input(in.name());
            case BoundArg.Output out -> device.output();
            case BoundArg.Scratch s -> scratch.get(s.name());
            case BoundArg.IntScalar i -> i.value();
            case BoundArg.FloatScalar f -> f.value();
          })
          .toArray();
      launches.add(module.function(launch.kernelName()).prepare(geometry(launch.dims()), values));
    }
    return device.bind(() -> launches.forEach(CudaFunction.Launch::enqueue), 1, bound.check().precision());
  }

  static LaunchGeometry geometry(LaunchDims d) {
    return new LaunchGeometry(d.gridX(), d.gridY(), d.gridZ(), d.blockX(), d.blockY(), d.blockZ(),
        d.dynamicSharedBytes());
  }

  static Element element(ElementType type) {
    return switch (type) {
      case FLOAT -> Element.FP32;
      case HALF -> Element.FP16;
    };
  }
}
