package dev.kernelplayground.notebook;

import dev.kernelplayground.compile.CompileException;
import dev.kernelplayground.compile.CompileText;
import dev.kernelplayground.compile.CudaCompiler;
import dev.kernelplayground.compile.CudaToolkit;
import dev.kernelplayground.ada.AdaGpus;
import dev.kernelplayground.cudasource.BoundKernel;
import dev.kernelplayground.cudasource.HeaderParser;
import dev.kernelplayground.cudasource.KernelLibrary;
import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.emulator.EmulatedModule;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
  /** Every kernel a cell compiled for the emulator, header or not, for {@link Playground#launch}. */
  private final Map<String, EmulatedModule> modules = new ConcurrentHashMap<>();
  private final AtomicInteger cells = new AtomicInteger();
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
    Path file = folder().resolve("cuda-cell-" + cells.incrementAndGet() + ".cu");
    String text = "\n".repeat(firstLine - 1) + body; // so the file's line numbers are the cell's
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    KernelSource source = HeaderParser.hasHeader(text) ? KernelSource.of(file, text) : null;
    StringBuilder report = new StringBuilder();
    Optional<CudaToolkit> toolkit = resourceReports ? CudaToolkit.find() : Optional.empty();
    if (toolkit.isPresent()) {
      try {
        var result = CudaCompiler.onThisMachine().compile(file, text, CudaCompiler.SM_89);
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
    if (Emulator.available()) {
      try {
        EmulatedModule module = emulator.compile(file, text);
        module.launchable().forEach(name -> modules.put(name, module));
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
      report.append("(no // @kp header: compiled only; docs/kernels.md shows how to make it runnable with a check)\n");
    }
    return report.toString();
  }

  /** The emulator's module of the {@code %%cuda} cell that defined this kernel last. */
  EmulatedModule module(String kernel) {
    EmulatedModule module = modules.get(kernel);
    if (module == null) {
      throw new IllegalArgumentException("no CUDA kernel '" + kernel + "' compiled for the emulator in this notebook"
          + (modules.isEmpty() ? "" : "; the cells compiled: " + String.join(", ", modules.keySet())));
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
