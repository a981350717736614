package dev.kernelplayground.cli;

import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.HorizontalAlign;
import dev.kernelplayground.ada.AdaGpus;
import dev.kernelplayground.ada.SmLimits;
import dev.kernelplayground.compile.CompileException;
import dev.kernelplayground.compile.CompileResult;
import dev.kernelplayground.compile.CompileText;
import dev.kernelplayground.compile.CudaCompiler;
import dev.kernelplayground.compile.CudaToolkit;
import dev.kernelplayground.compile.KernelOccupancy;
import dev.kernelplayground.compile.ResourceReport;
import dev.kernelplayground.cudasource.HeaderParser;
import dev.kernelplayground.cudasource.KernelLibrary;
import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.cudasource.LaunchDims;
import dev.kernelplayground.cudasource.LaunchSpec;
import dev.kernelplayground.problem.ReferenceCheck;
import dev.kernelplayground.process.Futures;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kp compile}: compiles raw CUDA C kernels with nvcc for sm_89 and prints, per kernel, what ptxas says it
 * uses (registers, shared memory, spills) and the occupancy that gives on an RTX 4090 SM, with advice.
 */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    description = {
      "Compile CUDA C kernels (.cu) with nvcc to PTX for sm_89 and show, per kernel,",
      "its resources as ptxas reports them (registers, shared memory, spills), its",
      "occupancy on an RTX 4090 SM for the launch in the file's @kp header, and what",
      "would raise it. --all compiles every kernel in kernels/ into one table.",
      "The header format and the kernel library: docs/kernels.md."
    })
public final class CompileCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "Kernel files (.cu) to compile.")
  List<Path> files = new ArrayList<>();

  @Option(names = "--all", description = "Compile every kernel in the kernels/ folder and print one table.")
  boolean all;

  @Option(names = "--arch", defaultValue = CudaCompiler.SM_89, paramLabel = "sm_NN",
      description = "Architecture ptxas compiles for (default: ${DEFAULT-VALUE}); occupancy is known for sm_89 only.")
  String arch;

  @Option(names = "--size", split = ",", paramLabel = "NAME=N",
      description = "Problem sizes for the launch, e.g. --size m=1031,n=517,k=33 (default: each check's sizes, "
          + "e.g. matmul 4096^3).")
  Map<String, Integer> sizes = new LinkedHashMap<>();

  @Option(names = "--no-cache", description = "Compile again even when the PTX cache has this source.")
  boolean noCache;

  /** One file's outcome: its source (null if the header was wrong), its compile result, or the error. */
  private record Outcome(Path file, KernelSource source, CompileResult result, String error) {}

  @Override
  public Integer call() {
    if (!arch.matches("sm_\\d{2,3}[a-z]?")) {
      throw new ParameterException(spec.commandLine(), "'" + arch + "' is not an architecture like sm_89");
    }
    if (all == !files.isEmpty()) {
      throw new ParameterException(spec.commandLine(), all ? "give either FILE... or --all, not both"
          : "name the kernel files to compile, or --all for every kernel in kernels/");
    }
    List<Path> targets = all ? KernelLibrary.find().allFiles() : files;
    checkSizes(targets);
    CudaCompiler compiler = compiler();
    long start = System.nanoTime();
    List<Outcome> outcomes = compileAll(compiler, targets);
    double seconds = (System.nanoTime() - start) / 1e9;
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (all) {
      long cached = outcomes.stream().filter(o -> o.result != null && o.result.fromCache()).count();
      out.println(String.format(Locale.ROOT, "Compiled %d kernel files with nvcc %s for %s in %.1f s (%d from the"
          + " PTX cache)%s:", outcomes.size(), compiler.toolkit().version(), arch, seconds, cached,
          sm89() ? "; occupancy on one " + AdaGpus.RTX_4090.name() + " SM" : ""));
      out.println(table(outcomes));
    } else {
      for (Outcome o : outcomes) {
        if (o.error == null) {
          describe(out, o);
        }
      }
    }
    long failed = 0;
    for (Outcome o : outcomes) {
      if (o.error != null) {
        err.println("kp compile: " + o.error);
        failed++;
      }
    }
    out.flush();
    err.flush();
    return failed == 0 ? 0 : 1;
  }

  private CudaCompiler compiler() {
    CudaToolkit toolkit = CudaToolkit.find().orElseThrow(() -> new IllegalStateException(
        "cannot compile CUDA C: " + CudaToolkit.whereLooked()));
    return new CudaCompiler(toolkit, noCache ? null : CudaCompiler.defaultCacheDir());
  }

  private boolean sm89() {
    return arch.equals(CudaCompiler.SM_89);
  }

  private void checkSizes(List<Path> targets) {
    for (Map.Entry<String, Integer> size : sizes.entrySet()) {
      boolean known = ReferenceCheck.all().stream()
          .anyMatch(c -> c.sizeNames().contains(size.getKey()));
      if (!known) {
        throw new ParameterException(spec.commandLine(), "'" + size.getKey() + "' is not a problem size; the sizes"
            + " are " + ReferenceCheck.all().stream().flatMap(c -> c.sizeNames().stream())
                .distinct().collect(Collectors.joining(", ")));
      }
      if (size.getValue() == null || size.getValue() < 0) {
        throw new ParameterException(spec.commandLine(), "size " + size.getKey() + " must be 0 or more");
      }
    }
  }

  private List<Outcome> compileAll(CudaCompiler compiler, List<Path> targets) {
    int threads = Math.max(1, Math.min(targets.size(), Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (Path file : targets) {
        futures.add(pool.submit(() -> compileOne(compiler, file)));
      }
      return Futures.inOrder(futures);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while compiling");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
  }

  private Outcome compileOne(CudaCompiler compiler, Path file) {
    if (!Files.isRegularFile(file)) {
      return new Outcome(file, null, null, file + ": no such file");
    }
    KernelSource source = null;
    String text;
    try {
      text = Files.readString(file);
      if (HeaderParser.hasHeader(text)) {
        source = KernelSource.of(file, text);
      }
    } catch (IOException e) {
      return new Outcome(file, null, null, file + ": cannot read it (" + e.getMessage() + ")");
    } catch (IllegalArgumentException e) { // HeaderException: file:line: what is wrong
      return new Outcome(file, null, null, e.getMessage());
    }
    try {
      return new Outcome(file, source, compiler.compile(file, text, arch), null);
    } catch (CompileException e) {
      return new Outcome(file, source, null, e.getMessage());
    }
  }

  private Map<String, Integer> sizesFor(ReferenceCheck check) {
    Map<String, Integer> chosen = new LinkedHashMap<>(check.defaultSizes());
    sizes.forEach((name, value) -> {
      if (chosen.containsKey(name)) {
        chosen.put(name, value);
      }
    });
    return chosen;
  }

  private void describe(PrintWriter out, Outcome o) {
    out.print(CompileText.describe(o.file, o.source, o.result,
        o.source == null ? Map.of() : sizesFor(o.source.header().check()), sm89()));
  }

  /** One row per kernel of every file in --all mode. */
  private record Row(String kernel, String regs, String smem, String spills, String occupancy, String binds) {}

  private String table(List<Outcome> outcomes) {
    List<Row> rows = new ArrayList<>();
    for (Outcome o : outcomes) {
      String id = o.source != null ? o.source.id() : o.file.toString();
      if (o.error == null && o.source == null) {
        for (ResourceReport report : o.result.kernels()) {
          rows.add(new Row(id + " " + report.kernelName(), String.valueOf(report.registers()),
              String.format(Locale.ROOT, "%,d", report.staticSharedBytes()),
              report.spills() ? report.spillStoreBytes() + "/" + report.spillLoadBytes() + " B" : "0",
              "no @kp header", ""));
        }
        continue;
      }
      if (o.error != null) {
        rows.add(new Row(id, "—", "—", "—", "—", "FAILED: " + o.error.lines().findFirst().orElse("")));
        continue;
      }
      Map<String, Integer> problem = sizesFor(o.source.header().check());
      for (LaunchSpec launch : o.source.header().launches()) {
        String name = id + (o.source.header().launches().size() > 1 ? " " + launch.kernelName() : "");
        ResourceReport report = o.result.kernel(launch.kernelName()).orElse(null);
        if (report == null) {
          rows.add(new Row(name, "—", "—", "—", "—", "no ptxas report"));
          continue;
        }
        LaunchDims dims = launch.evaluate(problem);
        String smem = String.format(Locale.ROOT, "%,d", report.staticSharedBytes() + dims.dynamicSharedBytes());
        String spills = report.spills() ? report.spillStoreBytes() + "/" + report.spillLoadBytes() + " B" : "0";
        if (!sm89()) {
          rows.add(new Row(name, String.valueOf(report.registers()), smem, spills, "sm_89 only", ""));
          continue;
        }
        var res = KernelOccupancy.of(SmLimits.SM_89, report, dims).result();
        String occupancy = res.launchable()
            ? String.format(Locale.ROOT, "%.0f%% (%d/%d warps)", res.occupancyPercent(), res.activeWarpsPerSm(),
                res.maxWarpsPerSm())
            : "cannot launch";
        rows.add(new Row(name, String.valueOf(report.registers()), smem, spills, occupancy + " @ "
            + dims.threadsPerBlock() + " thr", res.limitersInWords()));
      }
    }
    return AsciiTable.getTable(
        AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS,
        rows,
        List.of(
            new Column().header("kernel").dataAlign(HorizontalAlign.LEFT).with(Row::kernel),
            new Column().header("regs").dataAlign(HorizontalAlign.RIGHT).with(Row::regs),
            new Column().header("smem B").dataAlign(HorizontalAlign.RIGHT).with(Row::smem),
            new Column().header("spills").dataAlign(HorizontalAlign.RIGHT).with(Row::spills),
            new Column().header("occupancy").dataAlign(HorizontalAlign.LEFT).with(Row::occupancy),
            new Column().header("binding limit").dataAlign(HorizontalAlign.LEFT).with(Row::binds)));
  }
}
