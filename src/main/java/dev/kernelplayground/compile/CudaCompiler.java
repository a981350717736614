package dev.kernelplayground.compile;

import dev.kernelplayground.cudasource.LocalHeaders;
import dev.kernelplayground.process.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The compile service: CUDA C → PTX with {@code nvcc -ptx -arch=compute_XX}, then {@code ptxas -arch=sm_XX -v}
 * for the resource report of every kernel. nvcc compiles a copy of the source in a temporary folder (so text
 * from a notebook cell compiles like a file); its diagnostics are mapped back to the user's file and line.
 *
 * <p>Successful results are cached under {@link #defaultCacheDir()} by a SHA-256 of the toolkit version, the
 * architecture, the file name, the source text and the texts of the headers it {@code #include}s from its own
 * folder ({@link LocalHeaders}), so compiling an unchanged kernel again costs a file read.
 */
public final class CudaCompiler {
  /** The architecture of the RTX 4090 and every Ada GPU. */
  public static final String SM_89 = "sm_89";

  private static final Pattern ARCH = Pattern.compile("sm_(\\d{2,3}[a-z]?)");
  private static final Pattern NVCC_MESSAGE =
      Pattern.compile("^(.*?)\\((\\d+)\\): (error|warning|catastrophic error)(?: #[\\w-]+)?: (.*)$");
  private static final long TIMEOUT_SECONDS = 120;

  private final CudaToolkit toolkit;
  private final Path cacheDir;

  /** A compiler using {@code toolkit} that caches in {@code cacheDir} (null: no cache). */
  public CudaCompiler(CudaToolkit toolkit, Path cacheDir) {
    this.toolkit = toolkit;
    this.cacheDir = cacheDir;
  }

  /**
   * The compiler with the toolkit found on this machine and the default cache.
   *
   * @throws IllegalStateException when there is no nvcc
   */
  public static CudaCompiler onThisMachine() {
    CudaToolkit toolkit = CudaToolkit.find().orElseThrow(() -> new IllegalStateException(
        "cannot compile CUDA C: " + CudaToolkit.whereLooked()));
    return new CudaCompiler(toolkit, defaultCacheDir());
  }

  /** {@code $XDG_CACHE_HOME/kernel-playground/ptx}, or {@code ~/.cache/kernel-playground/ptx}. */
  public static Path defaultCacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("kernel-playground").resolve("ptx");
  }

  /** The toolkit in use. */
  public CudaToolkit toolkit() {
    return toolkit;
  }

  /** Compiles the file at {@code file} for sm_89. */
  public CompileResult compile(Path file) {
    return compile(file, SM_89);
  }

  /** Compiles the file at {@code file} for {@code arch} (e.g. "sm_89"). */
  public CompileResult compile(Path file, String arch) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read it (" + e.getMessage() + ")");
    }
    return compile(file, text, arch);
  }

  /**
   * Compiles {@code source} as if it were the file {@code file} (its name and folder are used for messages and
   * includes; it need not exist).
   *
   * @throws CompileException when nvcc or ptxas reject it
   * @throws IllegalArgumentException for an architecture name that is not sm_NN
   */
  public CompileResult compile(Path file, String source, String arch) {
    Matcher archMatch = ARCH.matcher(arch);
    if (!archMatch.matches()) {
      throw new IllegalArgumentException("'" + arch + "' is not an architecture like sm_89");
    }
    String virtual = "compute_" + archMatch.group(1);
    String key = key(file, source, arch);
    CompileResult cached = fromCache(key, file, arch);
    if (cached != null) {
      return cached;
    }
    Path work = null;
    try {
      work = Files.createTempDirectory("kp-nvcc-");
      String name = file.getFileName() == null ? "kernel.cu" : file.getFileName().toString();
      if (!name.endsWith(".cu")) {
        name = name + ".cu";
      }
      Path copy = work.resolve(name);
      Files.writeString(copy, source, StandardCharsets.UTF_8);
      Path ptxFile = work.resolve("kernel.ptx");
      List<String> nvcc = new ArrayList<>(List.of(toolkit.nvcc().toString(), "-ptx", "-arch=" + virtual,
          "-std=c++17", "-o", ptxFile.toString()));
      Path folder = file.toAbsolutePath().getParent();
      if (folder != null) {
        nvcc.add("-I" + folder);
      }
      nvcc.add(copy.toString());
      long start = System.nanoTime();
      Run nvccRun = run(nvcc, work);
      List<Diagnostic> messages = diagnostics(nvccRun.output, copy, file, source);
      if (nvccRun.exitCode != 0 || !Files.exists(ptxFile)) {
        throw failure(file, messages, nvccRun.output);
      }
      List<Diagnostic> warnings = messages.stream().filter(d -> d.severity().equals("warning")).toList();
      String ptx = Files.readString(ptxFile, StandardCharsets.UTF_8);
      Run ptxasRun = run(List.of(toolkit.ptxas().toString(), "-arch=" + arch, "-v", ptxFile.toString(), "-o",
          work.resolve("kernel.cubin").toString()), work);
      Duration time = Duration.ofNanos(System.nanoTime() - start);
      if (ptxasRun.exitCode != 0) {
        throw new CompileException(file + ": ptxas rejected the PTX for " + arch + ": "
            + ptxasRun.output.strip().replace(ptxFile.toString(), file.toString()), List.of());
      }
      List<ResourceReport> reports = PtxasReport.parse(ptxasRun.output);
      CompileResult result = new CompileResult(file.toString(), arch, ptx, ptxasRun.output, reports, warnings, time,
          false);
      toCache(key, result);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("compiling " + file + " in a temporary folder", e);
    } finally {
      deleteQuietly(work);
    }
  }

  private record Run(int exitCode, String output) {}

  private static Run run(List<String> command, Path dir) throws IOException {
    ChildProcess.Result result;
    try {
      result = ChildProcess.of(command).directory(dir).mergeStderr().timeout(Duration.ofSeconds(TIMEOUT_SECONDS)).run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + command.get(0) + " ran");
    }
    if (result.timedOut()) {
      throw new IllegalStateException(command.get(0) + " took more than " + TIMEOUT_SECONDS + " s and was stopped");
    }
    return new Run(result.exitCode(), result.stdout());
  }

  /** nvcc's "copy.cu(12): error: ..." lines, pointed at the user's file with its source line. */
  static List<Diagnostic> diagnostics(String output, Path copy, Path userFile, String source) {
    String[] sourceLines = source.split("\\R", -1);
    List<Diagnostic> found = new ArrayList<>();
    for (String line : output.split("\\R")) {
      Matcher m = NVCC_MESSAGE.matcher(line.strip());
      if (!m.matches()) {
        continue;
      }
      String reported = m.group(1);
      int lineNumber = Integer.parseInt(m.group(2));
      boolean ours = reported.equals(copy.toString()) || reported.equals(copy.getFileName().toString())
          || Path.of(reported).toAbsolutePath().normalize().equals(copy.toAbsolutePath().normalize());
      String file = ours ? userFile.toString() : reported;
      String text = ours && lineNumber >= 1 && lineNumber <= sourceLines.length ? sourceLines[lineNumber - 1] : "";
      String severity = m.group(3).contains("error") ? "error" : "warning";
      found.add(new Diagnostic(file, lineNumber, severity, m.group(4).strip(), text));
    }
    return found;
  }

  private static CompileException failure(Path file, List<Diagnostic> messages, String output) {
    List<Diagnostic> errors = messages.stream().filter(d -> d.severity().equals("error")).toList();
    if (errors.isEmpty()) {
      return new CompileException(file + ": nvcc failed: " + output.strip(), List.of());
    }
    StringBuilder text = new StringBuilder(errors.get(0).render());
    int shown = Math.min(errors.size(), 5);
    for (int i = 1; i < shown; i++) {
      text.append('\n').append(errors.get(i).render());
    }
    if (errors.size() > shown) {
      text.append("\n(").append(errors.size() - shown).append(" more errors)");
    }
    return new CompileException(text.toString(), errors);
  }

  // ---- cache ----------------------------------------------------------------------------------------------

  private String key(Path file, String source, String arch) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      Path folder = file.toAbsolutePath().getParent();
      List<String> headers = LocalHeaders.texts(folder, source);
      String name = file.getFileName() == null ? "" : file.getFileName().toString();
      List<String> parts = new ArrayList<>(List.of(toolkit.version(), arch, "-std=c++17",
          LocalHeaders.cacheKeyFolder(folder, headers), name, source));
      parts.addAll(headers);
      for (String part : parts) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private CompileResult fromCache(String key, Path file, String arch) {
    if (cacheDir == null) {
      return null;
    }
    Path ptx = cacheDir.resolve(key + ".ptx");
    Path log = cacheDir.resolve(key + ".ptxas.txt");
    Path meta = cacheDir.resolve(key + ".meta.txt");
    if (!Files.isRegularFile(ptx) || !Files.isRegularFile(log) || !Files.isRegularFile(meta)) {
      return null;
    }
    try {
      String ptxasLog = Files.readString(log, StandardCharsets.UTF_8);
      List<String> metaLines = Files.readAllLines(meta, StandardCharsets.UTF_8);
      Duration time = Duration.ofNanos(Long.parseLong(metaLines.get(0).trim()));
      List<Diagnostic> warnings = new ArrayList<>();
      for (int i = 1; i + 2 < metaLines.size(); i += 4) { // line, message, source line, "-"
        warnings.add(new Diagnostic(file.toString(), Integer.parseInt(metaLines.get(i)), "warning",
            metaLines.get(i + 1), metaLines.get(i + 2)));
      }
      return new CompileResult(file.toString(), arch, Files.readString(ptx, StandardCharsets.UTF_8), ptxasLog,
          PtxasReport.parse(ptxasLog), warnings, time, true);
    } catch (IOException | RuntimeException e) {
      return null; // a damaged entry is compiled again and overwritten
    }
  }

  private void toCache(String key, CompileResult result) {
    if (cacheDir == null) {
      return;
    }
    try {
      Files.createDirectories(cacheDir);
      StringBuilder meta = new StringBuilder().append(result.compileTime().toNanos()).append('\n');
      for (Diagnostic w : result.warnings()) {
        meta.append(w.line()).append('\n').append(w.message().replace('\n', ' ')).append('\n')
            .append(w.sourceLine().replace('\n', ' ')).append("\n-\n");
      }
      write(cacheDir.resolve(key + ".ptx"), result.ptx());
      write(cacheDir.resolve(key + ".ptxas.txt"), result.ptxasLog());
      write(cacheDir.resolve(key + ".meta.txt"), meta.toString()); // written last: marks the entry complete
    } catch (IOException e) {
      // A cache that cannot be written only costs speed.
    }
  }

  private static void write(Path target, String text) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), "entry", ".tmp");
    Files.writeString(temp, text, StandardCharsets.UTF_8);
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // temporary files left behind are harmless
    }
  }
}
