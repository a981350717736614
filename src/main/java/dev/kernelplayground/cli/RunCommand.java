package dev.kernelplayground.cli;

import com.aparapi.Kernel;
import dev.kernelplayground.ada.AdaGpus;
import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.aparapi.AparapiDeviceList;
import dev.kernelplayground.aparapi.AparapiKernelLaunch;
import dev.kernelplayground.aparapi.Translation;
import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.bench.CacheFlush;
import dev.kernelplayground.bench.Sweep;
import dev.kernelplayground.check.CheckReport;
import dev.kernelplayground.cudasource.BoundKernel;
import dev.kernelplayground.cudasource.CudaBackend;
import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.emulator.EmulatedModule;
import dev.kernelplayground.emulator.EmulatorBackend;
import dev.kernelplayground.jcuda.CudaAvailability;
import dev.kernelplayground.jcuda.GpuSession;
import dev.kernelplayground.lessonkernels.JavaKernels;
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
import java.util.Map;
import java.util.function.BiFunction;
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
    description = "Run one Java lesson kernel at a size on an OpenCL device or on Java threads: check it against its float64 reference, time it, and show the roofline for the RTX 4090.")
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KERNEL", description = "A Java lesson kernel (`kp run --list` lists them) or a CUDA C file such as kernels/matmul/05_blocktile_2d.cu.", arity = "0..1")
  String kernel;

  @Option(names = "--list", description = "List the kernels and their sizes.")
  boolean list;

  @Option(names = "--size", split = ",", description = "Sizes separated by x, e.g. 1823x781x129 for matmul (m×n×k) or 1000003 for vector_add; several, separated by commas, make a sweep with a progress bar.")
  List<String> sizes;

  @Mixin TrialOptions trial;

  @Option(names = "--backend", paramLabel = "DEVICE", description = "Where the kernel runs. Java kernels: opencl:N (an OpenCL device; `kp devices` lists them) or jtp (Java threads, one per work-item; also `java`); default opencl:0 when this machine has OpenCL, else jtp. CUDA files: emulator (default) or cuda.")
  String backend;

  @Option(names = "--show-opencl", description = "Print the OpenCL C that Aparapi generated from the Java kernel.")
  boolean showOpenCl;

  @Option(names = "--html", description = "Also write the check report as HTML to this file.")
  Path html;

  @Mixin ProfileOptions profile;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (list || kernel == null) {
      for (JavaKernels.Entry e : JavaKernels.all()) {
        out.printf("  %-20s --size %-21s %s%n", e.name(), String.join("x", e.sizeNames()), e.teaches());
      }
      return 0;
    }
    Choice choice = kernel.endsWith(".cu") ? cudaFile(Path.of(kernel)) : javaKernel();
    if (sizes == null || sizes.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), kernel + " needs --size " + String.join("x", choice.sizeNames()));
    }
    out.println("backend: " + choice.where());
    out.flush();
    long chosen = trial.seedOrNew();
    List<int[]> parsed = sizes.stream().map(s -> parseSizes(s, choice)).toList();
    BenchConfig bench = trial.bench();
    List<TrialResult> results =
        parsed.size() == 1
            ? List.of(Trial.run(choice.make().apply(parsed.get(0), chosen), bench, choice.flush()))
            : Sweep.run(choice.name(), parsed, RunCommand::sizeText,
                s -> Trial.run(choice.make().apply(s, chosen), bench, choice.flush()));
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
    if (profile.on()) {
      profile.report(profiles(parsed.get(parsed.size() - 1), chosen), out);
    }
    if (html != null) {
      Path parent = html.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(html, CheckHtml.page(choice.name() + " · seed " + chosen, checks));
      out.println("HTML report: " + html);
    }
    out.flush();
    return results.stream().allMatch(TrialResult::passed) ? 0 : 1;
  }

  /**
   * What runs: a kernel's name, the names of its sizes, where it runs, how to set it up at a size, and what
   * empties the caches between timed runs.
   */
  private record Choice(
      String name, List<String> sizeNames, List<String> switchNames, String where,
      BiFunction<int[], Long, KernelCase> make, CacheFlush flush) {}

  private Choice javaKernel() {
    JavaKernels.Entry entry;
    try {
      entry = JavaKernels.require(kernel);
    } catch (IllegalArgumentException unknown) {
      throw new ParameterException(spec.commandLine(),
          unknown.getMessage() + " (or a .cu file, e.g. kernels/matmul/05_blocktile_2d.cu)");
    }
    AparapiDevice device = device();
    String where =
        device.describe()
            + (device.isOpenCl() ? "" : "\n  (Java threads run each work-group's work-items as threads meeting at barriers: expect it to be slow)");
    return new Choice(entry.name(), entry.sizeNames(), List.of(), where, (s, seed) -> entry.create(s, seed, device),
        CacheFlush.NONE);
  }

  /** A CUDA C file of the kernels/ library (or one with the same @kp header), on the emulator or a GPU. */
  private Choice cudaFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ParameterException(spec.commandLine(), "no CUDA file " + file + " (kp compile --all lists the library)");
    }
    KernelSource source = KernelSource.load(file);
    List<String> names = source.header().check().sizeNames();
    String chosen = backend == null ? "emulator" : backend;
    CudaBackend cuda = switch (chosen) {
      case "emulator" ->
          new EmulatorBackend(EmulatedModule.DEFAULT_TIMEOUT).schedule(trial.raceCheck.schedule()).sanitize(!trial.raceCheck.noSanitize);
      case "cuda" -> {
        if (!CudaAvailability.gpuPresent()) {
          throw new ParameterException(spec.commandLine(),
              "--backend cuda: " + CudaAvailability.driver().detail() + "; run it on the emulator (--backend emulator)");
        }
        yield GpuSession.open();
      }
      default -> throw new ParameterException(spec.commandLine(),
          "--backend " + chosen + ": a .cu file runs on the emulator or cuda");
    };
    return new Choice(source.id(), names, source.header().check().family().switchNames(), cuda.describe(),
        (s, seed) -> cuda.prepare(BoundKernel.bind(source, named(source, s), seed)), cuda.cacheFlush());
  }

  /** The profile of a CUDA file at one size (kp run FILE.cu --profile), on the emulator whatever --backend says. */
  private List<dev.kernelplayground.profile.KernelProfile> profiles(int[] size, long seed) {
    if (!kernel.endsWith(".cu")) {
      throw new ParameterException(spec.commandLine(), "--profile counts CUDA C kernels on the emulator: give a .cu file");
    }
    KernelSource source = KernelSource.load(Path.of(kernel));
    EmulatorBackend emulator = new EmulatorBackend(EmulatedModule.DEFAULT_TIMEOUT.multipliedBy(10))
        .schedule(trial.raceCheck.schedule()).sanitize(!trial.raceCheck.noSanitize);
    return emulator.profile(BoundKernel.bind(source, named(source, size), seed));
  }

  private Map<String, Integer> named(KernelSource source, int[] values) {
    try {
      return source.header().check().family().named(kernel, values);
    } catch (IllegalArgumentException wrongCount) {
      throw new ParameterException(spec.commandLine(), wrongCount.getMessage());
    }
  }

  private AparapiDevice device() {
    if (backend == null) {
      return AparapiDeviceList.defaultDevice();
    }
    try {
      return AparapiDeviceList.byId(backend);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--backend: " + e.getMessage());
    }
  }

  private static void printOpenCl(PrintWriter out, KernelCase c) {
    if (c.launch() instanceof AparapiKernelLaunch launch) {
      for (Kernel k : launch.kernels()) {
        out.println("OpenCL C generated from " + k.getClass().getName() + ":");
        out.println(Translation.openClSource(k));
      }
    }
  }

  private static String sizeText(int[] size) {
    return java.util.Arrays.stream(size).mapToObj(Integer::toString).collect(Collectors.joining("x"));
  }

  /** Sizes as typed, "1823x781x129"; a switch such as attention's causal may be 0, a size may not. */
  private int[] parseSizes(String text, Choice choice) {
    String[] parts = text.toLowerCase().split("[x×]");
    int[] sizes = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        sizes[i] = Integer.parseInt(parts[i].trim().replace("_", ""));
      } catch (NumberFormatException e) {
          throw new ParameterException(
            spec.commandLine(), "--size '" + text + "': '" + parts[i] + "' is not a whole number");
      }
      boolean isSwitch = i < choice.sizeNames().size() && choice.switchNames().contains(choice.sizeNames().get(i));
      if (sizes[i] < 0 || (sizes[i] == 0 && !isSwitch)) {
        throw new ParameterException(
            spec.commandLine(), "--size '" + text + "': sizes must be positive, got " + sizes[i]);
      }
    }
    return sizes;
  }
}
