package dev.kernelplayground.lessonkernels;

import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.bench.CacheFlush;
import dev.kernelplayground.bench.Sweep;
import dev.kernelplayground.problem.ProblemFamily;
import dev.kernelplayground.run.KernelCase;
import dev.kernelplayground.run.Trial;
import dev.kernelplayground.run.TrialResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Java lesson kernels measured side by side in one run: every variant on every Aparapi device asked
 * for (PoCL, Java threads...), and each family's plain-Java loops, all on the same problem
 * and seed. Each measurement goes through the common trial (check, time, re-check), so a speed is only
 * reported for a result that was right.
 */
public final class BackendComparison {
  /** Where a row of the comparison ran: an Aparapi device, or the family's plain-Java loops. */
  public record Column(String id, String label) {
    public static final Column PLAIN_JAVA = new Column("plain", "plain Java loops");
  }

  /**
   * One measurement: a kernel (or a family's plain-Java loops) on one column, with its trial, or the
   * error that stopped it.
   */
  public record Cell(ProblemFamily<?> family, String kernel, Column column, TrialResult result, String error) {
    public boolean measured() {
      return result != null && result.passed() && result.timing() != null;
    }
  }

  private BackendComparison() {}

  /**
   * Runs the comparison with a progress bar.
   *
   * @param slowBench the benchmark loop on Java threads (jtp), far slower than OpenCL
   */
  public static List<Cell> run(
      List<ProblemFamily<?>> families,
      List<AparapiDevice> devices,
      long seed,
      BenchConfig bench,
      BenchConfig slowBench) {
    record Job(ProblemFamily<?> family, String kernel, Column column, BenchConfig bench, Supplier<KernelCase> make) {}
    List<Job> jobs = new ArrayList<>();
    for (ProblemFamily<?> family : families) {
      int[] sizes = family.javaBench();
      for (JavaKernels.Entry entry : JavaKernels.of(family)) {
        for (AparapiDevice device : devices) {
          jobs.add(
              new Job(family, entry.name(), new Column(device.id(), device.name()),
                  device.isOpenCl() ? bench : slowBench, () -> entry.create(sizes, seed, device)));
        }
      }
      jobs.add(new Job(family, family.name(), Column.PLAIN_JAVA, bench, () -> family.plainJava(sizes, seed)));
    }
    return Sweep.run(
        "kernels × backends",
        jobs,
        j -> j.kernel() + " on " + j.column().id(),
        j -> {
          try {
            TrialResult r = Trial.run(j.make().get(), j.bench(), CacheFlush.NONE);
            return new Cell(j.family(), j.kernel(), j.column(), r, null);
          } catch (RuntimeException e) {
            return new Cell(j.family(), j.kernel(), j.column(), null, String.valueOf(e.getMessage()));
          }
        });
  }
}
