package dev.kernelplayground.bench;

import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.device.KernelLaunch;

/**
 * One timed run of a kernel: how long it took by the backend's own clock (CUDA events on a GPU, the wall
 * clock on the CPU) and where it ran.
 */
@FunctionalInterface
public interface TimedLaunch {
  Sample run(float[] out);

  /** One timed run. */
  record Sample(ExecutionTarget target, double seconds) {}

  /** Times a CPU launch with the wall clock around it. */
  static TimedLaunch wallClock(KernelLaunch launch) {
    return out -> {
      long start = System.nanoTime();
      ExecutionTarget target = launch.run(out);
      return new Sample(target, (System.nanoTime() - start) * 1e-9);
    };
  }
}
