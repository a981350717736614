package dev.kernelplayground.emulator;

import dev.kernelplayground.cudasource.BoundKernel;
import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.problem.ProblemFamily;
import dev.kernelplayground.profile.KernelProfile;
import dev.kernelplayground.profile.TrafficCounts;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Profiles kernels/ files on the emulator at their family's smallest benchmark size (the size {@code kp bench
 * --profile} uses: 256³ for matmul, 2^20 elements for copy), for {@link TrafficCounts}: the counts a GPU report
 * turns into lower bounds for the GPU it runs on, which cannot profile (no g++, and hours at its own sizes).
 */
public final class TrafficCountsRecorder {
  private TrafficCountsRecorder() {}

  /** Each file profiled once with inputs from {@code seed}; a file that fails stops the recording, named. */
  public static TrafficCounts record(List<Path> files, long seed, PrintStream progress) {
    EmulatorBackend emulator = new EmulatorBackend(EmulatedModule.DEFAULT_TIMEOUT.multipliedBy(20)).sanitize(false);
    List<TrafficCounts.Row> rows = new ArrayList<>();
    for (Path file : files) {
      KernelSource source = KernelSource.load(file);
      ProblemFamily<?> family = source.header().check().family();
      int[] size = family.benchSizes(true).get(0);
      long start = System.nanoTime();
      List<KernelProfile> profiles;
      try {
        profiles = emulator.profile(BoundKernel.bind(source, family.named(source.id(), size), seed));
      } catch (RuntimeException e) {
        throw new IllegalStateException(file + ": profiling at " + Arrays.toString(size) + " failed: " + e.getMessage(), e);
      }
      rows.add(new TrafficCounts.Row(source.id(), size, profiles.stream().map(TrafficCounts.KernelCounts::of).toList()));
      progress.printf("counted %s at %s in %.1f s%n", source.id(), Arrays.toString(size),
          Duration.ofNanos(System.nanoTime() - start).toMillis() / 1000.0);
    }
    return new TrafficCounts(seed, rows);
  }
}
