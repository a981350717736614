package dev.kernelplayground.jcuda;

import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.bench.Clock;
import dev.kernelplayground.bench.TimedLaunch;
import dev.kernelplayground.cudasource.ElementType;
import dev.kernelplayground.check.Tile;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.device.KernelLaunch;
import dev.kernelplayground.problem.Problem;
import dev.kernelplayground.run.KernelCase;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A problem's inputs and output as device buffers, and the two ways the checker and the benchmark run the
 * GPU work on them:
 *
 * <ul>
 *   <li>the checked run copies the inputs and the (poisoned) output array to the GPU, runs, waits, and
 *       copies the output back — and the inputs too, so the checker sees a kernel that writes into them;
 *   <li>the timed run only runs the work between two CUDA events (the inputs are already on the GPU, and
 *       copying them again would warm the L2 the flush just emptied), then copies the output back for the
 *       re-check.
 * </ul>
 */
final class DeviceCase {
  /** Enqueues the GPU work (a kernel launch, a cuBLAS call) on the bound buffers; does not wait. */
  @FunctionalInterface
  interface Work {
    void enqueue();
  }

  private final String kernel;
  private final Problem problem;
  private final CudaContext context;
  private final Map<String, DeviceBuffer> inputs = new LinkedHashMap<>();
  private final DeviceBuffer output;
  private final EventTimer timer;
  private boolean inputsOnDevice;

  DeviceCase(
      String kernel, Problem problem, CudaContext context, Map<String, ElementType> inputElements,
      ElementType outputElement) {
    this.kernel = kernel;
    this.problem = problem;
    this.context = context;
    for (Map.Entry<String, ElementType> e : inputElements.entrySet()) {
      float[] host = problem.inputs().get(e.getKey());
      if (host == null) {
        throw new IllegalArgumentException(
            kernel + " takes input '" + e.getKey() + "', but " + problem.describe() + " has "
                + problem.inputs().keySet());
      }
      inputs.put(e.getKey(), context.allocate(e.getKey(), e.getValue(), host.length));
    }
    this.output = context.allocate("out", outputElement, problem.outputSize());
    this.timer = context.eventTimer();
  }

  DeviceBuffer input(String name) {
    DeviceBuffer buffer = inputs.get(name);
    if (buffer == null) {
      throw new IllegalArgumentException(kernel + " has no device input '" + name + "'; it has " + inputs.keySet());
    }
    return buffer;
  }

  DeviceBuffer output() {
    return output;
  }

  KernelCase bind(Work work, Tile tile, Precision precision) {
    KernelLaunch checked = out -> checkedRun(work, out);
    TimedLaunch timed = out -> timedRun(work, out);
    return new KernelCase(kernel, problem, checked, timed, tile, precision);
  }

  private ExecutionTarget checkedRun(Work work, float[] out) {
    uploadInputs();
    output.upload(out);
    work.enqueue();
    context.synchronize(kernel);
    output.download(out);
    copyBackChangedInputs();
    return context.device().target();
  }

  private TimedLaunch.Sample timedRun(Work work, float[] out) {
    if (!inputsOnDevice) {
      uploadInputs();
    }
    double seconds = timer.seconds(kernel, work::enqueue);
    output.download(out);
    return new TimedLaunch.Sample(context.device().target(), seconds, Clock.CUDA_EVENTS);
  }

  private void uploadInputs() {
    for (Map.Entry<String, DeviceBuffer> e : inputs.entrySet()) {
      e.getValue().upload(problem.inputs().get(e.getKey()));
    }
    inputsOnDevice = true;
  }

  /**
   * Copies back the device inputs the kernel changed into the host arrays, element by element, so the
   * checker's input snapshot notices. An fp16 input counts as unchanged when it still holds the fp16
   * rounding of the host value.
   */
  private void copyBackChangedInputs() {
    for (Map.Entry<String, DeviceBuffer> e : inputs.entrySet()) {
      float[] host = problem.inputs().get(e.getKey());
      float[] device = new float[host.length];
      e.getValue().download(device);
      boolean fp16 = e.getValue().element() == ElementType.HALF;
      for (int i = 0; i < host.length; i++) {
        float uploaded = fp16 ? Float.float16ToFloat(Float.floatToFloat16(host[i])) : host[i];
        if (Float.floatToRawIntBits(device[i]) != Float.floatToRawIntBits(uploaded)) {
          host[i] = device[i];
        }
      }
    }
  }
}
