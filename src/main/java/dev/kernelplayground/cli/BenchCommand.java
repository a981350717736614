package dev.kernelplayground.cli;

import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.HorizontalAlign;
import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.aparapi.AparapiDeviceList;
import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.bench.ReferenceBenchmarks;
import dev.kernelplayground.bench.Sweep;
import dev.kernelplayground.bench.Timing;
import dev.kernelplayground.lessonkernels.BackendComparison;
import dev.kernelplayground.lessonkernels.JavaKernels;
import dev.kernelplayground.problem.ProblemFamily;
import dev.kernelplayground.report.BackendTable;
import dev.kernelplayground.report.Units;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kp bench}: the benchmarks the project keeps. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "The benchmarks the project keeps, measured in one run:",
      "  kernels     every Java lesson kernel on every Aparapi device (OpenCL, Java threads) next to its family's plain-Java loops: GFLOP/s or GB/s, checked before it is timed",
      "  references  the float64 CPU references every check waits for (matmul 512³ and 1024³, softmax, attention)",
      "With no argument, both."
    })
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..2", paramLabel = "WHAT", description = "kernels, references, or both (default).")
  List<String> what;

  @Option(names = "--family", split = ",", paramLabel = "FAMILY", description = "Only these kernel families: vector_add, copy, matmul, softmax, attention (default: all).")
  List<String> families;

  @Option(names = "--backend", split = ",", paramLabel = "DEVICE", description = "Only these Aparapi devices, e.g. opencl:0,jtp (default: all that `kp devices` lists).")
  List<String> backends;

  @Mixin TrialOptions trial;

  @Option(names = "--profile",
      description = "Instead: profile every version of the --family's kernels/ files on the emulator at --size, and print their counts and lower bounds (from counted traffic, not measurements) side by side.")
  boolean profile;

  @Option(names = "--size", paramLabel = "SIZES", description = "With --profile: the size, e.g. 1536x1536x32 (default: the family's first quick benchmark size).")
  String size;

  @Option(names = "--png", paramLabel = "FILE", description = "With --profile: also draw the bounds' terms per version as a PNG.")
  java.nio.file.Path png;

  @Option(names = "--profile-gpu", paramLabel = "GPU", defaultValue = "4090", description = "With --profile: the Ada GPU the bounds are for (default: ${DEFAULT-VALUE}).")
  String profileGpu;

  @Option(names = "--jtp-repeats", defaultValue = "1", description = "Timed runs per case on Java threads (jtp), far slower than OpenCL (no warm-ups; default: ${DEFAULT-VALUE}).")
  int jtpRepeats;

  @Override
  public Integer call() throws java.io.IOException {
    if (profile) {
      return new ProfileProgression(spec, families, size, png, profileGpu, trial).run();
    }
    List<String> chosen = what == null || what.isEmpty() ? List.of("kernels", "references") : what;
    for (String w : chosen) {
      if (!w.equals("kernels") && !w.equals("references")) {
        throw new ParameterException(spec.commandLine(), "unknown benchmark '" + w + "': choose kernels or references");
      }
    }
    var out = spec.commandLine().getOut();
    if (chosen.contains("kernels")) {
      kernels(out);
    }
    if (chosen.contains("references")) {
      references(out);
    }
    out.flush();
    return 0;
  }

  private void kernels(PrintWriter out) {
    long s = trial.seedOrNew();
    List<ProblemFamily<?>> chosenFamilies = chosenFamilies();
    List<AparapiDevice> devices = chosenDevices();
    out.println("Java lesson kernels × backends · seed " + s + " (" + trial.warmups + " warm-ups, " + trial.repeats
        + " timed runs; on the Java thread pool " + jtpRepeats + " timed run" + (jtpRepeats == 1 ? "" : "s") + ")");
    out.flush();
    List<BackendComparison.Cell> cells =
        BackendComparison.run(
            chosenFamilies, devices, s, trial.bench(), new BenchConfig(0, jtpRepeats));
    out.println(BackendTable.text(cells));
    for (BackendComparison.Cell c : cells) {
      if (c.error() != null) {
        out.println("  " + c.kernel() + " on " + c.column().id() + ": " + c.error());
      } else if (!c.measured()) {
        out.println("  " + c.kernel() + " on " + c.column().id() + " failed its check: " + c.result().check().findings());
      }
    }
    out.println();
  }

  private List<ProblemFamily<?>> chosenFamilies() {
    if (families == null || families.isEmpty()) {
      return JavaKernels.families();
    }
    List<ProblemFamily<?>> chosen = new ArrayList<>();
    for (String f : families) {
      ProblemFamily<?> family =
          JavaKernels.families().stream()
              .filter(x -> x.name().equalsIgnoreCase(f.trim()))
              .findFirst()
              .orElseThrow(() -> new ParameterException(spec.commandLine(),
                  "--family: no family '" + f + "'; the families are: "
                      + JavaKernels.families().stream().map(ProblemFamily::name).collect(Collectors.joining(", "))));
      chosen.add(family);
    }
    return chosen;
  }

  private List<AparapiDevice> chosenDevices() {
    if (backends == null || backends.isEmpty()) {
      return AparapiDeviceList.list();
    }
    List<AparapiDevice> chosen = new ArrayList<>();
    for (String id : backends) {
      try {
        chosen.add(AparapiDeviceList.byId(id));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--backend: " + e.getMessage());
      }
    }
    return chosen;
  }

  private void references(PrintWriter out) {
    BenchConfig config = trial.bench();
    List<ReferenceBenchmarks.Case> cases = ReferenceBenchmarks.cases(1);
    List<Timing> timings =
        Sweep.run("references", cases, c -> c.name() + " " + c.size(), c -> ReferenceBenchmarks.time(c, config));
    out.println("float64 references, " + ReferenceBenchmarks.target().label() + " (" + trial.warmups + " warm-ups, " + trial.repeats + " timed runs; CPU timings)");
    out.println(
        AsciiTable.getTable(
            AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS,
            timings,
            List.of(
                new Column().header("reference").dataAlign(HorizontalAlign.LEFT).with(Timing::kernel),
                new Column().header("median").dataAlign(HorizontalAlign.RIGHT).with(t -> Units.seconds(t.median())),
                new Column().header("min").dataAlign(HorizontalAlign.RIGHT).with(t -> Units.seconds(t.min())),
                new Column().header("max").dataAlign(HorizontalAlign.RIGHT).with(t -> Units.seconds(t.max())),
                new Column().header("GFLOP/s").dataAlign(HorizontalAlign.RIGHT).with(t -> String.format("%.3g", t.gflops())))));
  }
}
