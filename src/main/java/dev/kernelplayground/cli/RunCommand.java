package dev.kernelplayground.cli;

import com.aparapi.Kernel;
import dev.kernelplayground.ada.AdaGpus;
import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.aparapi.AparapiDevices;
import dev.kernelplayground.aparapi.KernelsLaunch;
import dev.kernelplayground.aparapi.Translation;
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
    description = "Run one Java lesson kernel at a size on an OpenCL device or Aparapi's Java thread pool: check it against its float64 reference, time it, and show the roofline for the RTX 4090.")
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KERNEL", description = "Kernel name; `kp run --list` lists them.", arity = "0..1")
  String kernel;

  @Option(names = "--list", description = "List the kernels and their sizes.")
  boolean list;

  @Option(names = "--size", split = ",", description = "Sizes separated by x, e.g. 1823x781x129 for matmul (m×n×k) or 1000003 for vector_add; several, separated by commas, make a sweep with a progress bar.")
  List<String> sizes;

  @Mixin TrialOptions trial;

  @Option(names = "--backend", paramLabel = "DEVICE", description = "Where the kernel runs: opencl:N (an OpenCL device; `kp devices` lists them) or jtp (Aparapi's Java thread pool, also `java`). Default: opencl:0 when this machine has OpenCL, else jtp.")
  String backend;

  @Option(names = "--show-opencl", description = "Print the OpenCL C that Aparapi generated from the Java kernel.")
  boolean showOpenCl;

  @Option(names = "--html", description = "Also write the check report as HTML to this file.")
  Path html;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (list || kernel == null) {
      for (JavaKernels.Entry e : JavaKernels.all()) {
        out.printf("  %-20s --size %-21s %s%n", e.name(), String.join("x", e.sizeNames()), e.teaches());
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
    AparapiDevice device = device();
    out.println("backend: " + device.describe());
    if (!device.isOpenCl()) {
      out.println("  (Aparapi's Java thread pool runs each work-group's barriers with real Java threads: expect it to be slow)");
    }
    out.flush();
    long chosen = trial.seedOrNew();
    List<int[]> parsed = sizes.stream().map(this::parseSizes).toList();
    BenchConfig bench = trial.bench();
    List<TrialResult> results =
        parsed.size() == 1
            ? List.of(runOne(entry, parsed.get(0), chosen, bench, device))
            : Sweep.run(entry.name(), parsed, RunCommand::sizeText, s -> runOne(entry, s, chosen, bench, device));
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
    if (showOpenCl) {
      printOpenCl(out, results.get(results.size() - 1).kernelCase());
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

  private static TrialResult runOne(
      JavaKernels.Entry entry, int[] size, long seed, BenchConfig bench, AparapiDevice device) {
    KernelCase c = entry.create(size, seed, device);
    return Trial.run(c, bench, CacheFlush.NONE);
  }

  private AparapiDevice device() {
    if (backend == null) {
      List<AparapiDevice> cl = AparapiDevices.openCl();
      return cl.isEmpty() ? AparapiDevices.byId(AparapiDevices.JTP) : cl.get(0);
    }
    try {
      return AparapiDevices.byId(backend);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--backend: " + e.getMessage());
    }
  }

  private static void printOpenCl(PrintWriter out, KernelCase c) {
    if (c.launch() instanceof KernelsLaunch launch) {
      for (Kernel k : launch.kernels()) {
        out.println("OpenCL C generated from " + k.getClass().getName() + ":");
        out.println(Translation.openClSource(k));
      }
    }
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
