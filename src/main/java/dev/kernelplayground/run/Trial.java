package dev.kernelplayground.run;

import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.bench.Benchmark;
import dev.kernelplayground.bench.CacheFlush;
import dev.kernelplayground.bench.Timing;
import dev.kernelplayground.check.CheckReport;
import dev.kernelplayground.check.Checker;
import dev.kernelplayground.problem.Problem;
import java.util.List;

/**
 * The playground's data path for one kernel: check its first run against the reference; if it passes,
 * time it; then check again the output its last timed run left, so a kernel that only works once (a race,
 * an accumulation into its output) does not pass on its first run alone.
 */
public final class Trial {
  private Trial() {}

  public static TrialResult run(KernelCase c, BenchConfig bench, CacheFlush flush) {
    Problem p = c.problem();
    float[] out = new float[p.outputSize()];
    CheckReport check =
        Checker.run(c.kernel(), p.seed(), p.expected(), p.inputs(), out, c.launch(), c.tile());
    if (!check.passed()) {
      return new TrialResult(c, check, null, null);
    }
    Timing timing =
        Benchmark.measure(
            c.kernel(), p.workload(), out, c.timer(), flush, bench);
    CheckReport recheck =
        Checker.inspect(
            c.kernel(),
            p.seed(),
            "after " + (bench.warmups() + bench.repeats()) + " timed runs",
            timing.target(),
            out,
            p.expected(),
            List.of(),
            c.tile());
    return new TrialResult(c, check, timing, recheck);
  }
}
