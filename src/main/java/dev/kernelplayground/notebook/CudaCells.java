package dev.kernelplayground.notebook;

import dev.kernelplayground.compile.CompileException;
import dev.kernelplayground.compile.CompileResult;
import dev.kernelplayground.compile.CompileText;
import dev.kernelplayground.compile.CudaCompiler;
import dev.kernelplayground.compile.CudaToolkit;
import dev.kernelplayground.ada.AdaGpus;
import dev.kernelplayground.cudasource.BoundKernel;
import dev.kernelplayground.cudasource.HeaderParser;
import dev.kernelplayground.cudasource.KernelLibrary;
import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.emulator.EmulatedModule;
import dev.kernelplayground.emulator.EmulatedProgram;
import dev.kernelplayground.emulator.Emulator;
import dev.kernelplayground.emulator.EmulatorBackend;
import dev.kernelplayground.emulator.EmulatorException;
import dev.kernelplayground.lessons.RecordedReports;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.profile.SourceProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code %%cuda} cells: the cell's CUDA C is saved as a .cu file whose line numbers are the cell's own,
 * compiled by nvcc for sm_89 (resources, occupancy and a hint, when the CUDA toolkit is here) and by the
 * emulator's C++ compiler (so a cell that cannot run on the CPU says so at once; the module is kept for
 * {@link Playground#cuda}, which does not compile it again), and its kernels are registered by name, in the
 * notebook's session, for {@link Playground#cuda}: a cell with a {@code // @kp} header (docs/kernels.md) runs
 * with its reference check from a Java cell.
 */
final class CudaCells {
  private final Map<String, KernelSource> byName = new ConcurrentHashMap<>();
  /** Every kernel the cells compiled, header or not, for ad-hoc launches ({@link Cuda#kernel}). */
  private final Map<String, EmulatedModule> compiled = new ConcurrentHashMap<>();
  private final AtomicInteger cells = new AtomicInteger();
  /** Cells compiled ahead of their turn ({@link #compileAhead}), by the file they will be written to. */
  private final Map<Path, CellBuild> ahead = new ConcurrentHashMap<>();
  private volatile boolean closed;
  private final EmulatorBackend emulator;
  private volatile KernelSource lastWithHeader;
  private final boolean resourceReports;
  private Path folder;

  /**
   * Cells that compile for the CPU with {@code emulator}, whose modules Playground.cuda then runs; with
   * {@code resourceReports}, also by nvcc for the sm_89 report when the toolkit is here.
   */
  CudaCells(EmulatorBackend emulator, boolean resourceReports) {
    this.emulator = emulator;
    this.resourceReports = resourceReports;
  }

  /**
   * Compiles CUDA C whose first line is line {@code firstLine} of the cell (2 below a {@code %%cuda}
   * line, 1 for a loaded file); returns the report to show.
   */
  String compile(String body, int firstLine) {
    Path file = write(body, firstLine);
    String text = "\n".repeat(firstLine - 1) + body;
    KernelSource source = HeaderParser.hasHeader(text) ? KernelSource.of(file, text) : null;
    StringBuilder report = new StringBuilder();
    Optional<CudaToolkit> toolkit = resourceReports ? CudaToolkit.find() : Optional.empty();
    CellBuild build = ahead.remove(file);
    if (build == null || !build.matches(text, toolkit.isPresent())) {
      build = new CellBuild(file, text, toolkit.isPresent());
    }
    build.start();
    if (toolkit.isPresent()) {
      try {
        CompileResult result = CellBuild.result(build.nvcc);
        RecordedReports.recordIfAsked(toolkit.get(), text, result);
        report.append(CompileText.describe(file.getFileName(), source, result,
            source == null ? Map.of() : source.header().check().defaultSizes(), true));
      } catch (CompileException e) {
        throw new CellError(e.getMessage());
      }
    } else if (resourceReports) {
      Optional<RecordedReports.Recorded> recorded = RecordedReports.find(file, text, CudaCompiler.SM_89);
      if (recorded.isPresent()) {
        report.append(recorded.get().label()).append("\n").append(CompileText.describe(file.getFileName(), source,
            recorded.get().result(), source == null ? Map.of() : source.header().check().defaultSizes(), true));
      } else {
        report.append("(no CUDA toolkit here: no sm_89 resource report; the emulator still runs the kernel)\n");
      }
    }
    List<String> launchable = List.of();
    if (build.emulated != null) {
      try {
        EmulatedModule module = CellBuild.result(build.emulated);
        launchable = module.launchable();
        for (String name : module.launchable()) {
          compiled.put(name, module);
        }
        report.append("emulator: compiled for the CPU (").append(Emulator.compiler().orElse("")).append(")\n");
      } catch (EmulatorException e) {
        throw new CellError(e.getMessage());
      }
    }
    lastWithHeader = source;
    if (source != null) {
      for (String name : source.header().kernelNames()) {
        byName.put(name, source);
      }
      report.append("callable from Java: Playground.cuda(\"").append(source.header().kernelNames().get(0))
          .append("\", ").append(String.join(", ", source.header().check().sizeNames())).append(")\n");
    } else {
      report.append("(no // @kp header: no reference check; launch it from Java with your own arrays, e.g. Cuda.kernel(\"")
          .append(launchable.isEmpty() ? "name" : launchable.get(0)).append("\").launch(Cuda.grid(4), Cuda.block(256), args...);"
              + " docs/kernels.md shows how to add a check)\n");
    }
    return report.toString();
  }

  /**
   * {@code %%cuda --run ARGS...}: the cell is a whole program (it defines {@code main}); compiled for the CPU
   * against the emulator's host runtime and run with {@code args}, what it prints shown as it comes (this
   * thread's System.out, which the notebook streams), a failed kernel's report on System.err. Returns the
   * line that says how it ended; a non-zero exit status is a {@link CellError}.
   */
  String run(String body, int firstLine, List<String> args) {
    Path file = write(body, firstLine);
    String text = "\n".repeat(firstLine - 1) + body;
    if (!Emulator.isProgram(text)) {
      throw new CellError("%%cuda --run runs a whole program, but this cell has no main(); without --run the cell's"
          + " kernels are compiled (and, with a // @kp header, run from Java)");
    }
    if (!Emulator.available()) {
      throw new CellError("%%cuda --run needs a C++ compiler (g++ or clang++) for the CUDA emulator");
    }
    EmulatedProgram program;
    try {
      program = Emulator.compileProgram(file, text);
    } catch (EmulatorException e) {
      throw new CellError(e.getMessage());
    }
    EmulatedProgram.Outcome outcome = program.run(args,
        new EmulatedProgram.RunOptions(0, emulator.schedule(), emulator.sanitize()), PROGRAM_TIMEOUT,
        text1 -> {
          System.out.print(text1);
          System.out.flush();
        },
        report -> {
          System.out.flush();
          System.err.println(report);
          System.err.flush();
        });
    String how = String.format(Locale.ROOT, "%s on %s: %.2f s wall (CPU emulation)%s", program.displayName(),
        program.target(), outcome.wallTime().toNanos() / 1e9,
        program.fromCache() ? "" : String.format(Locale.ROOT, "; compiled in %.2f s", program.compileTime().toNanos() / 1e9));
    if (outcome.timedOut()) {
      throw new CellError(how + ": stopped after " + PROGRAM_TIMEOUT.toSeconds() + " s");
    }
    if (outcome.exitCode() != 0) {
      throw new CellError(how + ": exit status " + outcome.exitCode());
    }
    return how + ": exit status 0\n";
  }

  /**
   * One cell's two compiles, started together: nvcc's for the sm_89 report (when asked) on a thread of its own, and
   * the emulator's. They are separate programs, so on two cores they take the time of the longer; their verdicts are
   * still taken in order (nvcc's first), as when they ran one after the other.
   */
  private final class CellBuild {
    private final String text;
    private final FutureTask<CompileResult> nvcc;
    private final FutureTask<EmulatedModule> emulated;
    private final AtomicBoolean started = new AtomicBoolean();

    CellBuild(Path file, String text, boolean withNvcc) {
      this.text = text;
      this.nvcc = withNvcc ? new FutureTask<>(() -> CudaCompiler.onThisMachine().compile(file, text, CudaCompiler.SM_89)) : null;
      this.emulated = Emulator.available() ? new FutureTask<>(() -> emulator.compile(file, text)) : null;
    }

    boolean matches(String cellText, boolean withNvcc) {
      return text.equals(cellText) && (nvcc != null) == withNvcc;
    }

    /** Starts nvcc's compile and runs the emulator's on this thread (or waits for it, when another thread runs it). */
    void start() {
      if (nvcc != null && started.compareAndSet(false, true)) {
        Thread.ofVirtual().name("kp-nvcc").start(nvcc);
      }
      if (emulated != null) {
        emulated.run();
      }
    }

    /** Both compiles, to their end, whatever they ended with. */
    void finish() {
      start();
      for (FutureTask<?> task : java.util.Arrays.asList(nvcc, emulated)) {
        try {
          if (task != null) {
            task.get();
          }
        } catch (ExecutionException failed) {
          // the cell's turn reports it
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    /** What a compile gave, or its failure rethrown as it was thrown. */
    static <T> T result(FutureTask<T> task) {
      try {
        return task.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CellError("interrupted while compiling the cell");
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException failure) {
          throw failure;
        }
        throw new IllegalStateException("compiling the cell failed", e.getCause());
      }
    }
  }

  /**
   * Compiles a notebook's {@code %%cuda} cells ahead of their turn, in order, on one background thread, while the
   * cells before them run: {@code cells} are the sources of the notebook's {@code %%cuda} cells in order (a headless
   * run knows them all). When a cell's turn comes, {@link #compile} takes what was built for its file and text (or waits
   * for the build under way); a cell reached first, or whose text differs, is compiled then. Cells that run a program
   * ({@code --run}) are left to their turn. Nothing is shown ahead: reports and errors come at the cell's turn.
   */
  void compileAhead(List<String> cells) {
    boolean withNvcc = resourceReports && CudaToolkit.find().isPresent();
    int first = this.cells.get();
    Thread.ofPlatform().daemon().name("kp-compile-ahead").start(() -> {
      for (int i = 0; i < cells.size() && !closed; i++) {
        int number = first + i + 1;
        String cell = cells.get(i);
        String options = Cells.cudaOptions(cell);
        if (this.cells.get() >= number || !(options.isEmpty() || options.startsWith("--profile"))) {
          continue;
        }
        Path file = folder().resolve("cuda-cell-" + number + ".cu");
        CellBuild build = new CellBuild(file, "\n" + Cells.cudaBody(cell), withNvcc);
        if (ahead.putIfAbsent(file, build) == null) {
          build.finish();
        }
      }
    });
  }

  /** Stops compiling ahead. */
  void close() {
    closed = true;
  }

  /** How long {@code %%cuda --run} lets a program run. */
  static final Duration PROGRAM_TIMEOUT = Duration.ofMinutes(5);

  /** The compiled module holding a kernel some {@code %%cuda} cell defined (with or without a header). */
  EmulatedModule moduleOf(String kernel) {
    EmulatedModule module = compiled.get(kernel);
    if (module == null) {
      throw new IllegalArgumentException("no kernel '" + kernel + "' in the %%cuda cells run so far"
          + (compiled.isEmpty() ? " (run the cell that defines it first)" : "; they define: "
              + String.join(", ", new java.util.TreeSet<>(compiled.keySet()))));
    }
    return module;
  }

  /**
   * {@code %%cuda --profile SIZE...}: the kernels the cell just compiled, counted by the emulator's profiler at those
   * sizes (the names of its header's check, in order), for the notebook's per-line view.
   */
  SourceProfile profileLast(String options) {
    String[] words = options.strip().split("\\s+");
    if (!words[0].equals("--profile")) {
      throw new CellError("%%cuda takes one option, --profile SIZE... (e.g. %%cuda --profile 512 512 512), not '" + words[0] + "'");
    }
    KernelSource source = lastWithHeader;
    if (source == null) {
      throw new CellError("%%cuda --profile needs a // @kp header in the cell (docs/kernels.md): it names the sizes and the check");
    }
    int[] sizes = new int[words.length - 1];
    for (int i = 1; i < words.length; i++) {
      try {
        sizes[i - 1] = Integer.parseInt(words[i]);
      } catch (NumberFormatException e) {
        throw new CellError("%%cuda --profile: '" + words[i] + "' is not a size; give " + source.header().check().sizeNames());
      }
    }
    return profile(source, source.header().kernelNames().get(0), sizes);
  }

  /** A kernel of a {@code %%cuda} cell (by name) or a .cu file, counted by the profiler at these sizes (Playground.profile). */
  SourceProfile profile(String kernel, int[] sizes) {
    return profile(find(kernel), kernel, sizes);
  }

  private SourceProfile profile(KernelSource source, String kernel, int[] sizes) {
    BoundKernel bound = BoundKernel.bind(source, source.header().check().family().named(kernel, sizes), RandomInputs.newSeed());
    return new SourceProfile(source.path().getFileName().toString(), source.text(), emulator.profile(bound), AdaGpus.RTX_4090);
  }

  /** Saves a cell as the next cuda-cell-N.cu, with blank lines first so the file's line numbers are the cell's. */
  private Path write(String body, int firstLine) {
    Path file = folder().resolve("cuda-cell-" + cells.incrementAndGet() + ".cu");
    try {
      Files.writeString(file, "\n".repeat(firstLine - 1) + body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** The kernel a {@code %%cuda} cell defined under this name, or a .cu file at this path. */
  KernelSource find(String nameOrPath) {
    KernelSource cell = byName.get(nameOrPath);
    if (cell != null) {
      return cell;
    }
    if (nameOrPath.endsWith(".cu")) {
      return KernelSource.load(libraryFile(nameOrPath));
    }
    throw new IllegalArgumentException(
        "no CUDA kernel '" + nameOrPath + "': define it in a %%cuda cell with a // @kp header, or give a .cu path"
            + (byName.isEmpty() ? "" : "; the cells defined: " + String.join(", ", byName.keySet())));
  }

  /**
   * A .cu path as given when it exists, else inside the kernels/ library ("copy/01_copy.cu" or
   * "kernels/copy/01_copy.cu"): a notebook's working folder is notebooks/, not the repository.
   */
  private static Path libraryFile(String path) {
    Path given = Path.of(path);
    if (Files.isRegularFile(given)) {
      return given;
    }
    Path inLibrary = Path.of(path.startsWith(KernelLibrary.FOLDER + "/") ? path.substring(KernelLibrary.FOLDER.length() + 1) : path);
    try {
      Path found = KernelLibrary.find().root().resolve(inLibrary);
      return Files.isRegularFile(found) ? found : given;
    } catch (IllegalArgumentException noLibrary) {
      return given;
    }
  }

  private synchronized Path folder() {
    if (folder == null) {
      try {
        folder = Files.createDirectories(Files.createTempDirectory("kp-cuda-cells").resolve("notebook"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return folder;
  }
}
