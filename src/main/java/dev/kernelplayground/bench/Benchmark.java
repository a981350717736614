package dev.kernelplayground.bench;

import dev.kernelplayground.device.ExecutionTarget;

/** Times a kernel: warm-ups, then repeats each after a cache flush, all on one execution target. */
public final class Benchmark {
  private Benchmark() {}

  public static Timing measure(
      String kernel,
      Workload workload,
      float[] out,
      TimedLaunch launch,
      CacheFlush flush,
      BenchConfig config) {
    ExecutionTarget target = null;
    for (int i = 0; i < config.warmups(); i++) {
      target = sameTarget(kernel, target, launch.run(out).target());
    }
    double[] seconds = new double[config.repeats()];
    Clock clock = null;
    for (int i = 0; i < seconds.length; i++) {
      flush.flush();
      TimedLaunch.Sample sample = launch.run(out);
      target = sameTarget(kernel, target, sample.target());
      seconds[i] = sample.seconds();
      clock = sample.clock();
    }
    return new Timing(kernel, target, workload, seconds, clock); // repeats >= 1, so the clock is known
  }

  /** A benchmark whose runs landed on different devices measures nothing: say so. */
  private static ExecutionTarget sameTarget(
      String kernel, ExecutionTarget before, ExecutionTarget now) {
    if (before != null && !before.equals(now)) {
      throw new IllegalStateException(
          kernel + " ran on " + before.label() + " and then on " + now.label()
              + " within one benchmark; its timings would mix two devices");
    }
    return now;
  }
}
