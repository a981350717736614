package dev.kernelplayground.emulator;

import dev.kernelplayground.cudasource.LocalHeaders;
import dev.kernelplayground.process.ChildProcess;
import dev.kernelplayground.process.Futures;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The host C++ compiler that builds emulated kernels, the emulation headers it builds them against
 * (copied out of the jar once per version), and the cache of built kernels, keyed by a hash of the
 * rewritten source, the headers, the compiler and its flags.
 */
final class Toolchain {
  /** The files under src/main/resources/emulator that a kernel is built against. */
  static final List<String> RUNTIME_FILES =
      List.of(
          "kp_cuda.h", "kp_register.h", "kp_driver.cpp", "kp_profile.cpp", "cuda_runtime.h", "cuda.h", "cuda_fp16.h", "cuda_bf16.h", "mma.h",
          "math_constants.h", "device_launch_parameters.h", "cuda_runtime_api.h", "device_functions.h",
          "kp_program.h", "kp_program.cpp", "cooperative_groups.h", "cooperative_groups/reduce.h",
          "cooperative_groups/scan.h", "cooperative_groups/memcpy_async.h", "cublas_v2.h", "cublas.h", "cublasLt.h",
          "curand_kernel.h", "curand.h", "cublas_api_kp.h");

  /** Written from the playground's RTX 4090 facts, next to the files above. */
  static final String DEVICE_PROFILE = "kp_device_profile.h";

  static final String DRIVER_OBJECT = "kp_driver.o";

  /** The profiler (counts per access site), linked only into binaries built for profiling. */
  static final String PROFILE_OBJECT = "kp_profile.o";

  /** The host runtime of whole programs (kp_program.cpp), linked into programs only. */
  static final String PROGRAM_OBJECT = "kp_program.o";

  /**
   * What a profiling build adds to the kernel file's flags (never to the runtime's): GCC's ThreadSanitizer
   * instrumentation, which calls the __tsan_readN / __tsan_writeN functions kp_profile.cpp defines before every
   * memory access, without function entry/exit hooks; no tail calls (an atomic's call site must be its caller's
   * return address); no splitting of aggregates, so a float4 stays one 16-byte access, as the kernel wrote it.
   * Vectorising stays on: GCC places the hook calls before it vectorises (tsan1 runs before the loop passes), so
   * what it vectorises afterwards cannot change what is counted; uncounted work (a thread's registers and local
   * arrays, such as a blocktile's outer product) gets the vector registers back.
   */
  static final List<String> PROFILE_FLAGS_GCC =
      List.of("-fsanitize=thread", "--param=tsan-instrument-func-entry-exit=0", "-fno-optimize-sibling-calls",
          "-fno-tree-sra");

  /** Tried in this order; Debian installs clang under versioned names only (clang++-15 works). */
  static final List<String> COMPILERS =
      List.of("g++", "clang++", "clang++-19", "clang++-18", "clang++-17", "clang++-16", "clang++-15");

  /**
   * DWARF 4: binutils' addr2line lists clang's inlined frames (the user's line) only in that version. -g1: line
   * tables and inlined frames, all addr2line needs; without the variables' locations a kernel file compiles in
   * 0.80 s instead of 1.19 s (g++ 12).
   */
  static final List<String> FLAGS =
      List.of("-std=gnu++17", "-O2", "-gdwarf-4", "-g1", "-no-pie", "-pthread", "-march=native", "-fno-strict-aliasing", "-fno-finite-loops", "-w");

  private static volatile Optional<Toolchain> found;

  final String compiler;
  final String version;
  final Path cacheDir;
  final Path runtimeDir;
  private final String runtimeHash;

  private Toolchain(String compiler, String version, Path cacheDir) {
    this.compiler = compiler;
    this.version = version;
    this.cacheDir = cacheDir;
    byte[][] contents = new byte[RUNTIME_FILES.size()][];
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < contents.length; i++) {
      contents[i] = resource(RUNTIME_FILES.get(i));
      all.append(RUNTIME_FILES.get(i)).append('\0').append(new String(contents[i], StandardCharsets.UTF_8));
    }
    String profile = DeviceProfile.header();
    all.append(DEVICE_PROFILE).append('\0').append(profile);
    all.append(String.join(" ", FLAGS)).append(compiler).append(version).append(cpuModel());
    this.runtimeHash = sha256(all.toString()).substring(0, 16);
    this.runtimeDir = cacheDir.resolve("runtime-" + runtimeHash);
    try {
      if (!Files.isRegularFile(runtimeDir.resolve(DRIVER_OBJECT))) {
        Path staging = Files.createTempDirectory(Files.createDirectories(cacheDir), "runtime-");
        for (int i = 0; i < contents.length; i++) {
          Path file = staging.resolve(RUNTIME_FILES.get(i));
          Files.createDirectories(file.getParent());
          Files.write(file, contents[i]);
        }
        Files.writeString(staging.resolve(DEVICE_PROFILE), profile);
        // The driver (fibers, scheduler, buffers, main) is compiled once and linked into every kernel; the
        // profiler once, and linked into profiling builds only; the host runtime into whole programs only. The
        // five compiles are independent and run at once (14 s one after another here, the learner's first cell).
        List<Callable<Void>> steps = new ArrayList<>(List.of(
            () -> compileRuntimeObject(staging, "kp_driver.cpp", DRIVER_OBJECT, "driver"),
            () -> compileRuntimeObject(staging, "kp_profile.cpp", PROFILE_OBJECT, "profiler"),
            () -> compileRuntimeObject(staging, "kp_program.cpp", PROGRAM_OBJECT, "program runtime")));
        if (compiler.equals("g++")) {
          // A precompiled kp_cuda.h (g++ finds kp_cuda.h.gch next to it) saves about a second per kernel;
          // kp_program.h, with the standard headers host code uses, more per program.
          for (String header : List.of("kp_cuda.h", "kp_program.h")) {
            List<String> pch = new ArrayList<>(List.of(compiler));
            pch.addAll(FLAGS);
            pch.addAll(List.of("-I" + staging, "-x", "c++-header", staging.resolve(header).toString(), "-o",
                staging.resolve(header + ".gch").toString()));
            steps.add(() -> {
              run(pch);
              return null;
            });
          }
        }
        runAtOnce(steps);
        try {
          Files.move(staging, runtimeDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
          // another process put the same runtime there first
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the emulator's headers under " + cacheDir, e);
    }
    CacheJanitor.used(runtimeDir);
    CacheJanitor.sweepInBackground(cacheDir, runtimeDir);
  }

  /** Runs the steps at once, each on a virtual thread, and throws the first one's failure after all have ended. */
  private static void runAtOnce(List<Callable<Void>> steps) throws IOException {
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Future<Void> step : threads.invokeAll(steps)) {
        Futures.await(step);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while building the emulator's runtime", e);
    }
  }

  /** Compiles one of the runtime's sources in {@code staging} into an object file there. */
  private Void compileRuntimeObject(Path staging, String source, String object, String what) throws IOException {
    List<String> command = new ArrayList<>(List.of(compiler));
    command.addAll(FLAGS);
    command.addAll(List.of("-I" + staging, "-c", staging.resolve(source).toString(), "-o",
        staging.resolve(object).toString()));
    String output = run(command);
    if (!Files.isRegularFile(staging.resolve(object))) {
      throw new IllegalStateException("the emulator's " + what + " does not compile with " + describe() + ":\n" + output);
    }
    return null;
  }

  /** A compiler's longest run; then its process tree is killed. */
  private static final Duration COMPILE_TIMEOUT = Duration.ofMinutes(10);

  /**
   * Runs a compiler command (LC_ALL=C, stderr into stdout) and returns its output and exit status; in a
   * sandbox it reads {@code readable} and writes {@code writable}.
   */
  private static ChildProcess.Result compile(List<String> command, Path writable, Path... readable)
      throws IOException, InterruptedException {
    return ChildProcess.of(command).writable(writable).readable(readable).env("LC_ALL", "C").mergeStderr()
        .timeout(COMPILE_TIMEOUT).run();
  }

  /** Runs a compiler command and returns its output (exit status aside). */
  private static String run(List<String> command) throws IOException {
    try {
      return compile(command, Path.of(command.get(command.size() - 1)).getParent()).stdout();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while compiling", e);
    }
  }

  /** The first of {@link #COMPILERS} found on PATH, or nothing; KP_EMULATOR_CXX chooses one. */
  static synchronized Optional<Toolchain> find() {
    Optional<Toolchain> result = found;
    if (result == null) {
      result = Optional.empty();
      String chosen = System.getenv("KP_EMULATOR_CXX");
      for (String compiler : chosen != null && !chosen.isBlank() ? List.of(chosen) : COMPILERS) {
        Optional<String> version = versionOf(compiler);
        if (version.isPresent()) {
          result = Optional.of(new Toolchain(compiler, version.get(), defaultCacheDir()));
          break;
        }
      }
      found = result;
    }
    return result;
  }

  static Path defaultCacheDir() {
    String chosen = System.getenv("KP_EMULATOR_CACHE");
    if (chosen != null && !chosen.isBlank()) {
      return Path.of(chosen);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("kernel-playground").resolve("emulator");
  }

  /** E.g. "g++ 12.2.0". */
  String describe() {
    return compiler + " " + version;
  }

  /** A built kernel binary and how long building it took (zero when it came from the cache). */
  record Built(Path binary, long compileNanos, boolean cached) {}

  /**
   * Builds the rewritten source, or finds it in the cache (keyed by the source and the texts of the local
   * {@code headers} it includes). Compile errors become an {@link
   * EmulatorException} whose message shows the user's file and lines.
   */
  Built build(String rewritten, String displayName, Path includeDir, List<String> headers) {
    return build(rewritten, displayName, includeDir, headers, false, false);
  }

  /** Whether this compiler can build a kernel for profiling (GCC's instrumentation is what kp_profile.cpp answers). */
  boolean canProfile() {
    return compiler.startsWith("g++");
  }

  /**
   * As {@link #build(String, String, Path, List)}; a whole {@code program} is linked with the host runtime too; with
   * {@code profile}, the kernel file is compiled with {@link #PROFILE_FLAGS_GCC} and linked with the profiler, into a
   * binary of its own.
   */
  Built build(String rewritten, String displayName, Path includeDir, List<String> headers, boolean program,
      boolean profile) {
    String key = sha256(String.join("\n", compiler, version, String.join(" ", FLAGS), cpuModel(), runtimeHash,
        program ? "program" : "kernels",
        LocalHeaders.cacheKeyFolder(includeDir, headers), rewritten, String.join("\n", headers),
        profile ? String.join(" ", PROFILE_FLAGS_GCC) : "")).substring(0, 32);
    Path dir = cacheDir.resolve("kernels").resolve(key);
    Path binary = dir.resolve("kernel");
    if (Files.isExecutable(binary)) {
      CacheJanitor.used(dir);
      return new Built(binary, 0, true);
    }
    try {
      Files.createDirectories(dir);
      // A file of its own per build: two threads building the same kernel must not write one file.
      Path source = Files.createTempFile(dir, "source-", ".cpp");
      Files.writeString(source, rewritten);
      Path partial = Files.createTempFile(dir, "kernel-", ".partial");
      List<String> command = new ArrayList<>();
      command.add(compiler);
      command.addAll(FLAGS);
      command.add("-I" + runtimeDir);
      if (includeDir != null) {
        command.add("-I" + includeDir);
      }
      List<Path> read = new ArrayList<>(List.of(runtimeDir)); // all a sandboxed compile (grading) sees, besides the system
      if (includeDir != null) {
        read.add(includeDir);
      }
      Path[] readable = read.toArray(Path[]::new);
      List<String> runtime = new ArrayList<>(List.of(runtimeDir.resolve(DRIVER_OBJECT).toString()));
      if (program) {
        runtime.add(runtimeDir.resolve(PROGRAM_OBJECT).toString());
      }
      if (profile) {
        runtime.add(runtimeDir.resolve(PROFILE_OBJECT).toString());
      }
      ChildProcess.Result run;
      if (profile) {
        // Compiled and linked in two steps: -fsanitize=thread when linking would pull in the real ThreadSanitizer.
        Path object = Files.createTempFile(dir, "kernel-", ".o");
        command.addAll(PROFILE_FLAGS_GCC);
        command.addAll(List.of("-c", "-x", "c++", source.toString(), "-o", object.toString()));
        run = compile(command, dir, readable);
        if (run.succeeded()) {
          List<String> link = new ArrayList<>(List.of(compiler));
          link.addAll(FLAGS);
          link.add(object.toString());
          link.addAll(runtime);
          link.addAll(List.of("-o", partial.toString()));
          ChildProcess.Result linked = compile(link, dir, readable);
          run = linked.succeeded() ? run : linked;
        }
        Files.deleteIfExists(object);
      } else {
        command.addAll(List.of("-x", "c++", source.toString(), "-x", "none"));
        command.addAll(runtime);
        command.addAll(List.of("-o", partial.toString()));
        run = compile(command, dir, readable);
      }
      long nanos = run.duration().toNanos();
      String output = run.stdout();
      if (!run.succeeded()) {
        Files.deleteIfExists(partial);
        Files.move(source, dir.resolve("source.cpp"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        throw CompileErrors.explain(output, displayName, runtimeDir, rewritten);
      }
      Files.move(partial, binary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.move(source, dir.resolve("source.cpp"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return new Built(binary, nanos, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build " + displayName + " under " + dir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while compiling " + displayName, e);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = Toolchain.class.getResourceAsStream("/emulator/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the emulator's resource emulator/" + name + " is missing from the build");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<String> versionOf(String compiler) {
    try {
      ChildProcess.Result run =
          ChildProcess.of(compiler, "-dumpfullversion", "-dumpversion").mergeStderr().timeout(Duration.ofSeconds(20)).run();
      String output = run.stdout().strip();
      if (!run.succeeded() || output.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(output.lines().findFirst().orElse(output));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name") || l.startsWith("flags"))
          .limit(2)
          .reduce("", String::concat);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
