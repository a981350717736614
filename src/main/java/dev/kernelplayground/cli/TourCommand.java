package dev.kernelplayground.cli;

import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.tour.Tour;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kp tour}: the playground's main job. */
@Command(
    name = "tour",
    mixinStandardHelpOptions = true,
    description = "Run a vector add and a tiled matmul in plain Java, check them against float64 references, time them, catch a planted bug, and compare with the RTX 4090 roofline.")
final class TourCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--seed", description = "Seed for the random inputs (default: a new one, printed).")
  Long seed;

  @Option(names = "--out", defaultValue = "kp-out/tour", description = "Folder for the HTML report and PNG error map (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--repeats", defaultValue = "5", description = "Timed runs per kernel (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--warmups", defaultValue = "2", description = "Untimed warm-up runs per kernel (default: ${DEFAULT-VALUE}).")
  int warmups;

  @Override
  public Integer call() throws Exception {
    long chosen = seed != null ? seed : RandomInputs.newSeed();
    boolean ok =
        new Tour(spec.commandLine().getOut(), out, chosen, new BenchConfig(warmups, repeats)).run();
    return ok ? 0 : 1;
  }
}
