package dev.kernelplayground.jcuda;

import dev.kernelplayground.cudasource.BoundKernel;
import dev.kernelplayground.cudasource.BoundLaunch;
import dev.kernelplayground.cudasource.ElementType;
import dev.kernelplayground.cudasource.KernelArg;
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
    Map<String, ElementType> inputs = new LinkedHashMap<>();
    for (KernelArg.Buffer in : bound.inputBuffers()) {
      inputs.put(in.name(), in.element());
    }
    DeviceCase device = new DeviceCase(bound.id(), bound.problem(), context, inputs, ElementType.FLOAT);
    Map<String, DeviceBuffer> scratch = new HashMap<>();
    for (KernelArg.Buffer s : bound.scratchBuffers()) {
      DeviceBuffer buffer = context.allocate(s.name(), s.element(), s.elements());
      buffer.fillBytes((byte) 0xFF); // NaN in fp32 and in fp16
      scratch.put(s.name(), buffer);
    }
    List<CudaFunction.Launch> launches = new ArrayList<>();
    for (BoundLaunch launch : bound.launches()) {
      Object[] values = launch.args().stream()
          .map(arg -> switch (arg) {
            case KernelArg.Buffer b -> switch (b.access()) {
              case IN -> (Object) device.input(b.name());
              case OUT -> device.output();
              case IN_OUT -> scratch.get(b.name());
            };
            // every int a header passes is a C int (the binder checked its range)
            case KernelArg.IntScalar i -> Math.toIntExact(i.value());
            case KernelArg.FloatScalar f -> f.value();
          })
          .toArray();
      launches.add(module.function(launch.kernelName()).prepare(launch.dims(), values));
    }
    return device.bind(() -> launches.forEach(CudaFunction.Launch::enqueue), 1, bound.check().precision());
  }
}
