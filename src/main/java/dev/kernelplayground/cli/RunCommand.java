package dev.kernelplayground.cli;

import dev.kernelplayground.ada.AdaGpus;
import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.bench.CacheFlush;
import dev.kernelplayground.bench.Sweep;
import dev.kernelplayground.check.CheckReport;
import dev.kernelplayground.kernels.JavaKernels;
import dev.kernelplayground.report.CheckHtml;
import dev.kernelplayground.report.CheckText;
import dev.kernelplayground.report.RooflineProjection;
import dev.kernelplayground.report.TimingTable;
import dev.kernelplayground.run.KernelCase;
import dev.kernelplayground.run.Trial;
import dev.kernelplayground.run.TrialResult;
import dev.kernelplayground.threads.BlockGrid;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kp run KERNEL --size ...}: check and time one kernel. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run one kernel at a size: check it against its float64 reference, time it, and show the roofline for the RTX 4090.")
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KERNEL", description = "Kernel name; `kp run --list` lists them.", arity = "0..1")
  String kernel;

  @Option(names = "--list", description = "List the kernels and their sizes.")
  boolean list;

  @Option(names = "--size", split = ",", description = "Sizes separated by x, e.g. 1823x781x129 for matmul (m×n×k) or 1000003 for vector_add; several, separated by commas, make a sweep with a progress bar.")
  List<String> sizes;

  @Mixin TrialOptions trial;

  @Option(names = "--html", description = "Also write the check report as HTML to this file.")
  Path html;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (list || kernel == null) {
      for (JavaKernels.Entry e : JavaKernels.all()) {
        out.printf("  %-14s --size %-8s %s%n", e.name(), String.join("x", e.sizeNames()), e.teaches());
      }
      return 0;
    }
    JavaKernels.Entry entry =
        JavaKernels.find(kernel)
            .orElseThrow(
                () ->
                    new ParameterException(
                        spec.commandLine(),
                        "unknown kernel '" + kernel + "'; the kernels are: "
                            + JavaKernels.all().stream().map(JavaKernels.Entry::name).collect(Collectors.joining(", "))));
    if (sizes == null || sizes.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), kernel + " needs --size " + String.join("x", entry.sizeNames()));
    }
    long chosen = trial.seedOrNew();
    List<int[]> parsed = sizes.stream().map(this::parseSizes).toList();
    BenchConfig bench = trial.bench();
    List<TrialResult> results =
        parsed.size() == 1
            ? List.of(runOne(entry, parsed.get(0), chosen, bench))
            : Sweep.run(entry.name(), parsed, RunCommand::sizeText, s -> runOne(entry, s, chosen, bench));
    List<CheckReport> checks = new ArrayList<>();
    for (TrialResult r : results) {
      out.print(CheckText.full(r.check()));
      if (r.recheck() != null) {
        out.println("  re-check " + CheckText.summary(r.recheck()));
      }
      checks.add(r.check());
      if (r.recheck() != null) {
        checks.add(r.recheck());
      }
    }
    out.println();
    out.println(TimingTable.text(results, AdaGpus.RTX_4090));
    out.println();
    out.println("On the " + AdaGpus.RTX_4090.name() + ", by its roofline (a bound, not a measurement):");
    out.println(RooflineProjection.text(results.stream().map(TrialResult::kernelCase).toList(), AdaGpus.RTX_4090));
    if (html != null) {
      Path parent = html.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(html, CheckHtml.page(entry.name() + " · seed " + chosen, checks));
      out.println("HTML report: " + html);
    }
    out.flush();
    return results.stream().allMatch(TrialResult::passed) ? 0 : 1;
  }

  private static TrialResult runOne(JavaKernels.Entry entry, int[] size, long seed, BenchConfig bench) {
    KernelCase c = entry.create(size, seed, BlockGrid.shared());
    return Trial.run(c, bench, CacheFlush.NONE);
  }

  private static String sizeText(int[] size) {
    return java.util.Arrays.stream(size).mapToObj(Integer::toString).collect(Collectors.joining("x"));
  }

  private int[] parseSizes(String text) {
    String[] parts = text.toLowerCase().split("[x×]");
    int[] sizes = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        sizes[i] = Integer.parseInt(parts[i].trim().replace("_", ""));
      } catch (NumberFormatException e) {
          throw new ParameterException(
            spec.commandLine(), "--size '" + text + "': '" + parts[i] + "' is not a whole number");
      }
      if (sizes[i] <= 0) {
        throw new ParameterException(
            spec.commandLine(), "--size '" + text + "': sizes must be positive, got " + sizes[i]);
      }
    }
    return sizes;
  }
}
