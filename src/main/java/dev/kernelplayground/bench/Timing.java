package dev.kernelplayground.bench;

import dev.kernelplayground.device.ExecutionTarget;
import java.util.Arrays;

/**
 * The timed repeats of one kernel: the samples in seconds, where they ran, what clock measured them, and the
 * work each run did, from which throughput follows. Throughput is computed from the median.
 */
public record Timing(String kernel, ExecutionTarget target, Workload workload, double[] seconds, Clock clock) {
  public Timing {
    if (seconds.length == 0) {
      throw new IllegalArgumentException("a timing needs at least one sample");
    }
    seconds = seconds.clone();
  }

  /** Samples taken by the backend's usual clock: CUDA events on a GPU, the wall clock elsewhere. */
  public Timing(String kernel, ExecutionTarget target, Workload workload, double[] seconds) {
    this(kernel, target, workload, seconds, target.gpu() ? Clock.CUDA_EVENTS : Clock.WALL_CLOCK);
  }

  public double median() {
    double[] sorted = seconds.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  public double min() {
    return Arrays.stream(seconds).min().orElseThrow();
  }

  public double max() {
    return Arrays.stream(seconds).max().orElseThrow();
  }

  public double gflops() {
    return workload.flops() / median() * 1e-9;
  }

  public double gigabytesPerSecond() {
    return workload.bytes() / median() * 1e-9;
  }
}
