package dev.kernelplayground.cli;

import dev.kernelplayground.tour.Tour;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kp tour}: the playground's main job. */
@Command(
    name = "tour",
    description = "Run a vector add and a tiled matmul in plain Java and as an OpenCL kernel, check them against float64 references, time them, catch a planted bug, refuse a kernel that cannot run on OpenCL, and compare with the RTX 4090 roofline.")
final class TourCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TrialOptions trial;

  @Option(names = "--out", defaultValue = "kp-out/tour", description = "Folder for the HTML report and PNG error map (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws Exception {
    boolean ok = new Tour(spec.commandLine().getOut(), out, trial.seedOrNew(), trial.bench()).run();
    return ok ? 0 : 1;
  }
}
