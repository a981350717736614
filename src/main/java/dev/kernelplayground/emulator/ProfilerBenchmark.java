package dev.kernelplayground.emulator;

import dev.kernelplayground.check.CheckReport;
import dev.kernelplayground.check.Checker;
import dev.kernelplayground.cudasource.BoundKernel;
import dev.kernelplayground.cudasource.BoundLaunch;
import dev.kernelplayground.cudasource.KernelArg;
import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.profile.KernelProfile;
import dev.kernelplayground.profile.LineCounts;
import dev.kernelplayground.report.CheckText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What profiling costs (issue 13): kernels/matmul/05_blocktile_2d.cu at n³, its plain build and its profiling
 * build (the same emulator binary with the counting instrumentation) launched alternately with the same inputs,
 * the child process's own CPU time (cpu_seconds of its @@KP-STATS line, all its threads together) per run, at
 * 1 and 2 CPU threads. Prints the medians and their ratio, whether every profiled output equals the plain one
 * bit for bit (the first plain output checked against the float64 reference: two runs that wrote nothing would
 * agree), and the counts themselves (so a change to the profiler can be seen to keep them). CPU timings:
 * never compared with a GPU. A benchmark, not a test.
 *
 * <p>{@code java -cp target/kp.jar dev.kernelplayground.emulator.ProfilerBenchmark FILE.cu N RUNS}
 */
public final class ProfilerBenchmark {
  private static final String KERNEL = "sgemm_blocktile_2d";

  private ProfilerBenchmark() {}

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: ProfilerBenchmark 05_blocktile_2d.cu N RUNS   (kernel " + KERNEL + ", launched as its // @kp header says)");
      System.exit(2);
    }
    KernelSource source = KernelSource.load(Path.of(args[0]));
    EmulatedModule module = Emulator.compile(source.path());
    int n = Integer.parseInt(args[1]);
    int runs = Integer.parseInt(args[2]);
    long seed = 13;
    // grid, block and arguments as the file's own // @kp header gives them for this size
    BoundKernel bound = BoundKernel.bind(source, source.header().check().family().named(KERNEL, new int[] {n, n, n}), seed);
    BoundLaunch launch = bound.launches().get(0);
    System.out.printf(Locale.ROOT, "%s, %s at %d³, seed %d, %d alternating runs%n", module.displayName(), KERNEL, n,
        seed, runs);
    KernelProfile counted = null;
    for (int threads : new int[] {1, 2}) {
      EmulatedModule plain = module.withCpuThreads(threads);
      EmulatedModule profiled = plain.withProfiling(true);
      List<Double> plainSeconds = new ArrayList<>();
      List<Double> profiledSeconds = new ArrayList<>();
      boolean same = true;
      for (int r = 0; r < runs; r++) {
        float[] plainOut = new float[bound.problem().outputSize()];
        float[] profiledOut = new float[bound.problem().outputSize()];
        LaunchResult plainRun = plain.launch(launch.kernelName(), launch.dims(), args(bound, launch, plainOut),
            Duration.ofMinutes(5));
        plainSeconds.add(cpuSeconds(plainRun));
        if (r == 0) {
          checkAgainstTheReference(bound, plainRun, plainOut); // else two runs that wrote nothing would "agree"
        }
        LaunchResult result = profiled.launch(launch.kernelName(), launch.dims(), args(bound, launch, profiledOut),
            Duration.ofMinutes(5));
        profiledSeconds.add(cpuSeconds(result));
        same &= Arrays.equals(plainOut, profiledOut);
        counted = result.profile();
      }
      double plainMedian = median(plainSeconds);
      double profiledMedian = median(profiledSeconds);
      System.out.printf(Locale.ROOT,
          "%s%nthreads=%d plain_cpu_median=%.4f s profiled_cpu_median=%.4f s ratio=%.2f outputs_identical=%s%n"
              + "  plain runs %s%n  profiled runs %s%n",
          plain.target().label(), threads, plainMedian, profiledMedian, profiledMedian / plainMedian, same, seconds(plainSeconds),
          seconds(profiledSeconds));
    }
    System.out.printf(Locale.ROOT, "counts: unique sectors read %d, written %d%n", counted.uniqueSectorsRead(),
        counted.uniqueSectorsWritten());
    for (LineCounts l : counted.lines()) {
      System.out.printf(Locale.ROOT, "  line %d %s: requests %d sectors %d lines %d wavefronts %d bytes %d accesses %d%n",
          l.line(), l.op(), l.requests(), l.sectors(), l.l1Lines(), l.wavefronts(), l.bytes(), l.laneAccesses());
    }
  }

  /** Stops the benchmark, with the check's report, when the plain run's output is not the float64 reference's. */
  private static void checkAgainstTheReference(BoundKernel bound, LaunchResult run, float[] out) {
    CheckReport check = Checker.inspect(KERNEL, bound.problem().seed(), "plain run", run.target(), out,
        bound.problem().expected(), List.of(), bound.outputTile());
    if (!check.passed()) {
      System.err.print(CheckText.full(check));
      System.exit(1);
    }
  }

  private static double cpuSeconds(LaunchResult result) {
    return result.cpuTime().toNanos() / 1e9;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int mid = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
  }

  private static String seconds(List<Double> values) {
    return values.stream().map(v -> String.format(Locale.ROOT, "%.4f", v)).toList().toString();
  }

  /** The launch's arguments: its input buffers holding the bound problem's inputs, its output buffer {@code out}. */
  private static List<KernelArg> args(BoundKernel bound, BoundLaunch launch, float[] out) {
    List<KernelArg> args = new ArrayList<>();
    for (KernelArg a : launch.args()) {
      args.add(a instanceof KernelArg.Buffer b ? b.holding(b.access() == KernelArg.Access.OUT ? out : bound.inputValues(b.name())) : a);
    }
    return args;
  }
}
