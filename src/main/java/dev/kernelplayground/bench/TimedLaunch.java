package dev.kernelplayground.bench;

import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.device.KernelLaunch;

/**
 * One timed run of a kernel: how long it took by the backend's own clock (CUDA events on a GPU, the wall
 * clock on the CPU, the emulator's own clock around its blocks) and where it ran.
 */
@FunctionalInterface
public interface TimedLaunch {
  Sample run(float[] out);

  /** One timed run, and what its seconds measure. */
  record Sample(ExecutionTarget target, double seconds, Clock clock) {
    /** A run timed by the backend's usual clock: CUDA events on a GPU, the wall clock elsewhere. */
    public Sample(ExecutionTarget target, double seconds) {
      this(target, seconds, target.gpu() ? Clock.CUDA_EVENTS : Clock.WALL_CLOCK);
    }
  }

  /** Times a CPU launch with the wall clock around it. */
  static TimedLaunch wallClock(KernelLaunch launch) {
    return out -> {
      long start = System.nanoTime();
      ExecutionTarget target = launch.run(out);
      return new Sample(target, (System.nanoTime() - start) * 1e-9, Clock.WALL_CLOCK);
    };
  }
}
