package dev.kernelplayground.emulator;

import dev.kernelplayground.device.Backend;
import dev.kernelplayground.device.ExecutionTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A compiled .cu file, ready to launch its kernels on the CPU. Each launch runs in a child process, so a
 * crashing kernel never takes the JVM down; buffers travel through files in a temporary folder (in
 * memory, under /dev/shm, where there is one). A module can be launched many times and from several
 * threads.
 */
public final class EmulatedModule {
  private static final String ERROR_MARK = "@@KP-ERROR\t";
  private static final String STATS_MARK = "@@KP-STATS\t";

  private final String displayName;
  private final Toolchain.Built built;
  private final List<KernelSignature> kernels;
  private final List<String> launchable;
  private final String compiler;
  private final int cpuThreads;

  EmulatedModule(
      String displayName, Toolchain.Built built, List<KernelSignature> kernels, List<String> launchable,
      String compiler) {
    this(displayName, built, kernels, launchable, compiler, defaultThreads());
  }

  private EmulatedModule(
      String displayName, Toolchain.Built built, List<KernelSignature> kernels, List<String> launchable,
      String compiler, int cpuThreads) {
    this.displayName = displayName;
    this.built = built;
    this.kernels = kernels;
    this.launchable = launchable;
    this.compiler = compiler;
    this.cpuThreads = cpuThreads;
  }

  private static int defaultThreads() {
    String chosen = System.getenv("KP_EMULATOR_THREADS");
    if (chosen != null && chosen.matches("\\d+") && Integer.parseInt(chosen) > 0) {
      return Integer.parseInt(chosen);
    }
    return Runtime.getRuntime().availableProcessors();
  }

  /** The same module, running its blocks on this many CPU threads. */
  public EmulatedModule withCpuThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("at least one CPU thread, got " + threads);
    }
    return new EmulatedModule(displayName, built, kernels, launchable, compiler, threads);
  }

  /** The file name messages use. */
  public String displayName() {
    return displayName;
  }

  /** Every {@code __global__} function of the file, templates included. */
  public List<KernelSignature> kernels() {
    return kernels;
  }

  /** The names {@link #launch} accepts: the non-template kernels and the requested instantiations. */
  public List<String> launchable() {
    return launchable;
  }

  /** Time the compiler took; zero when the binary came from the cache. */
  public Duration compileTime() {
    return Duration.ofNanos(built.compileNanos());
  }

  public boolean fromCache() {
    return built.cached();
  }

  /** Where launches run, e.g. "emulator · CUDA emulator · 2 threads on the CPU (g++ 12.2.0)". */
  public ExecutionTarget target() {
    return new ExecutionTarget(
        Backend.EMULATOR,
        "CUDA emulator · " + cpuThreads + " thread" + (cpuThreads == 1 ? "" : "s") + " on the CPU (" + compiler + ")",
        false);
  }

  /** The timeout of {@link #launch(String, Dim3, Dim3, int, List)}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** {@link #launch(String, Dim3, Dim3, int, List, Duration)} with the {@link #DEFAULT_TIMEOUT}. */
  public LaunchResult launch(String kernel, Dim3 grid, Dim3 block, int dynamicSmemBytes, List<Arg> args) {
    return launch(kernel, grid, block, dynamicSmemBytes, args, DEFAULT_TIMEOUT);
  }

  /**
   * Runs {@code kernel<<<grid, block, dynamicSmemBytes>>>(args...)} and writes the out and inOut buffers
   * back into their arrays.
   *
   * @throws EmulatorException when the kernel fails: out-of-bounds access, divergent barrier, timeout,
   *     crash, or a launch that does not fit the kernel
   */
  public LaunchResult launch(
      String kernel, Dim3 grid, Dim3 block, int dynamicSmemBytes, List<Arg> args, Duration timeout) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory(tempRoot(bufferBytes(args)), "kp-emulator-");
      List<String> command = new ArrayList<>();
      command.add(built.binary().toString());
      command.add("--run");
      command.add(kernel.replaceAll("\\s+", "")); // "matmul<64, 8>" is registered as "matmul<64,8>"
      for (int v : new int[] {grid.x(), grid.y(), grid.z(), block.x(), block.y(), block.z(), dynamicSmemBytes}) {
        command.add(Integer.toString(v));
      }
      command.add(Long.toString(Math.max(1, timeout.toMillis())));
      command.add(Integer.toString(cpuThreads));
      Map<Integer, Path> files = new HashMap<>();
      for (int i = 0; i < args.size(); i++) {
        command.add(encode(args.get(i), i, dir, files));
      }
      Path stdout = dir.resolve("stdout.txt");
      Path stderr = dir.resolve("stderr.txt");
      Process process =
          new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
      boolean ended = process.waitFor(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
      if (!ended) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        throw failure(
            EmulatorException.Kind.TIMEOUT,
            "kernel " + kernel + " ran longer than its " + human(timeout)
                + " timeout and had to be killed (an endless loop?)",
            kernel, null, null, 0);
      }
      String printed = Files.readString(stdout, StandardCharsets.UTF_8);
      String errors = Files.readString(stderr, StandardCharsets.UTF_8);
      if (process.exitValue() == 3 && errors.contains(ERROR_MARK)) {
        throw explainFailure(fields(errors, ERROR_MARK), args, printed, timeout);
      }
      if (process.exitValue() != 0 || !errors.contains(STATS_MARK)) {
        throw failure(
            EmulatorException.Kind.CRASH,
            "kernel " + kernel + " crashed the emulator (exit status " + process.exitValue() + "): "
                + tail(errors),
            kernel, null, null, 0);
      }
      Map<String, String> stats = fields(errors, STATS_MARK);
      for (int i = 0; i < args.size(); i++) {
        readBack(args.get(i), files.get(i));
      }
      long nanos = Math.round(Double.parseDouble(stats.get("seconds")) * 1e9);
      int used = Integer.parseInt(stats.get("threads"));
      ExecutionTarget target = used == cpuThreads ? target() : withCpuThreads(used).target();
      long cpuNanos = Math.round(Double.parseDouble(stats.get("cpu_seconds")) * 1e9);
      return new LaunchResult(
          target, Duration.ofNanos(nanos), Duration.ofNanos(cpuNanos), Long.parseLong(stats.get("phases")), printed);
    } catch (IOException e) {
      throw new UncheckedIOException("emulator launch of " + kernel + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + kernel + " ran", e);
    } finally {
      deleteQuietly(dir);
    }
  }

  /** /dev/shm (memory) when it has room for the buffers twice over (containers often give it 64 MB). */
  private static Path tempRoot(long bytes) {
    Path shm = Path.of("/dev/shm");
    try {
      if (Files.isDirectory(shm) && Files.isWritable(shm) && Files.getFileStore(shm).getUsableSpace() > 2 * bytes + (64 << 20)) {
        return shm;
      }
    } catch (IOException e) {
      // fall through to the ordinary temporary folder
    }
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  private static long bufferBytes(List<Arg> args) {
    long bytes = 0;
    for (Arg arg : args) {
      bytes += switch (arg) {
        case Arg.Floats f -> 4L * f.data().length;
        case Arg.Ints f -> 4L * f.data().length;
        case Arg.Halves f -> 2L * f.data().length;
        default -> 0L;
      };
    }
    return bytes;
  }

  private static String encode(Arg arg, int index, Path dir, Map<Integer, Path> files) throws IOException {
    Path file = dir.resolve("arg" + index + ".bin");
    return switch (arg) {
      case Arg.Floats f -> {
        ByteBuffer bytes = ByteBuffer.allocate(f.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(f.data());
        Files.write(file, bytes.array());
        files.put(index, file);
        yield "buf:" + f.access().wire + ":f32:" + f.data().length + ":" + file;
      }
      case Arg.Ints f -> {
        ByteBuffer bytes = ByteBuffer.allocate(f.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(f.data());
        Files.write(file, bytes.array());
        files.put(index, file);
        yield "buf:" + f.access().wire + ":i32:" + f.data().length + ":" + file;
      }
      case Arg.Halves f -> {
        ByteBuffer bytes = ByteBuffer.allocate(f.data().length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(f.data());
        Files.write(file, bytes.array());
        files.put(index, file);
        yield "buf:" + f.access().wire + ":u16:" + f.data().length + ":" + file;
      }
      case Arg.IntValue v -> "int:" + v.value();
      case Arg.FloatValue v -> "float:" + Integer.toUnsignedString(Float.floatToRawIntBits(v.value()));
    };
  }

  private static void readBack(Arg arg, Path file) throws IOException {
    switch (arg) {
      case Arg.Floats f when f.access() != Arg.Access.IN ->
          ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f.data());
      case Arg.Ints f when f.access() != Arg.Access.IN ->
          ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(f.data());
      case Arg.Halves f when f.access() != Arg.Access.IN ->
          ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(f.data());
      default -> {}
    }
  }

  private static Map<String, String> fields(String stderr, String mark) {
    String line = stderr.substring(stderr.lastIndexOf(mark) + mark.length());
    int end = line.indexOf('\n');
    line = end < 0 ? line : line.substring(0, end);
    Map<String, String> fields = new HashMap<>();
    for (String field : line.split("\t")) {
      int eq = field.indexOf('=');
      if (eq > 0) {
        fields.put(field.substring(0, eq), field.substring(eq + 1));
      }
    }
    return fields;
  }

  private EmulatorException explainFailure(Map<String, String> f, List<Arg> args, String printed, Duration timeout) {
    String kernel = f.get("kernel");
    String block = f.containsKey("block") ? "(" + f.get("block") + ")" : null;
    String thread = f.containsKey("thread") ? "(" + f.get("thread") + ")" : null;
    int line = Integer.parseInt(f.getOrDefault("line", "0"));
    if (line == 0 && f.containsKey("pc") && !f.get("pc").equals("(nil)")) {
      line = SourceLines.lineOf(built.binary(), f.get("pc"), displayName);
    }
    String detail = f.getOrDefault("detail", "");
    String kind = f.getOrDefault("kind", "CRASH");
    EmulatorException.Kind k;
    String what;
    switch (kind) {
      case "OUT_OF_BOUNDS", "READ_ONLY" -> {
        k = EmulatorException.Kind.OUT_OF_BOUNDS;
        what = describeAccess(f, args, kernel, kind.equals("READ_ONLY"));
      }
      case "BAD_ADDRESS" -> {
        k = EmulatorException.Kind.OUT_OF_BOUNDS;
        what = "invalid memory " + f.getOrDefault("rw", "access") + " at address " + f.get("address")
            + ", outside every buffer the kernel was given (a null or wild pointer, or an index far out of bounds)";
      }
      case "DIVERGENT_BARRIER" -> {
        k = EmulatorException.Kind.DIVERGENT_BARRIER;
        what = detail;
      }
      case "DIVERGENT_WARP", "WARP_MASK" -> {
        k = EmulatorException.Kind.DIVERGENT_WARP;
        what = detail;
      }
      case "TIMEOUT" -> {
        k = EmulatorException.Kind.TIMEOUT;
        what = "kernel " + kernel + " ran longer than its " + human(timeout) + " timeout and was stopped"
            + (thread != null ? " while running this thread" : "")
            + ": an endless loop? (a loop whose condition never changes, or a thread waiting for a flag that is"
            + " never set)";
      }
      case "UNSUPPORTED" -> {
        k = EmulatorException.Kind.UNSUPPORTED;
        what = detail;
      }
      case "BAD_LAUNCH", "BAD_ARGUMENTS", "NO_SUCH_KERNEL" -> {
        k = EmulatorException.Kind.INVALID_LAUNCH;
        what = detail;
      }
      case "TRAP" -> {
        k = EmulatorException.Kind.CRASH;
        what = detail;
      }
      default -> {
        k = EmulatorException.Kind.CRASH;
        what = detail.isEmpty() ? "the kernel crashed" : detail;
      }
    }
    StringBuilder message = new StringBuilder();
    if (line > 0) {
      message.append(displayName).append(':').append(line).append(": ");
    }
    message.append(what);
    if (block != null) {
      message.append(" (kernel ").append(kernel).append(", block ").append(block).append(", thread ")
          .append(thread).append(')');
    }
    if (!printed.isBlank()) {
      message.append("\nthe kernel printed before it stopped:\n").append(tail(printed));
    }
    return failure(k, message.toString(), kernel, block, thread, line);
  }

  private String describeAccess(Map<String, String> f, List<Arg> args, String kernel, boolean readOnly) {
    int arg = Integer.parseInt(f.get("arg"));
    long offset = Long.parseLong(f.get("offset"));
    long bytes = Long.parseLong(f.get("bytes"));
    int elem = Math.max(1, Integer.parseInt(f.get("elem")));
    String rw = f.getOrDefault("rw", "access");
    String name = parameterName(kernel, arg);
    long index = Math.floorDiv(offset, elem);
    String type = arg < args.size() ? elementType(args.get(arg)) : "";
    if (readOnly) {
      return "the kernel wrote into " + name + "[" + index + "], which was passed as an input (Arg.in, read-only);"
          + " pass it with Arg.inOut if the kernel is meant to change it";
    }
    String access = rw.equals("access") ? "access" : rw;
    return "out-of-bounds " + access + ": " + name + "[" + index + "], but " + name + " has " + (bytes / elem)
        + " elements" + type + (index < 0 ? " (the index is negative)" : "");
  }

  private static String elementType(Arg arg) {
    return switch (arg) {
      case Arg.Floats f -> " (float, indices 0.." + (f.data().length - 1) + ")";
      case Arg.Ints f -> " (int, indices 0.." + (f.data().length - 1) + ")";
      case Arg.Halves f -> " (16-bit, indices 0.." + (f.data().length - 1) + ")";
      default -> "";
    };
  }

  private String parameterName(String kernel, int arg) {
    String base = kernel == null ? "" : kernel.replaceAll("<.*$", "");
    for (KernelSignature k : kernels) {
      if (k.name().equals(base) && arg < k.parameters().size() && !k.parameters().get(arg).isEmpty()) {
        return k.parameters().get(arg);
      }
    }
    return "argument " + (arg + 1);
  }

  private EmulatorException failure(
      EmulatorException.Kind kind, String message, String kernel, String block, String thread, int line) {
    return new EmulatorException(kind, message, kernel, block, thread, line > 0 ? displayName : null, line);
  }

  private static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static String tail(String text) {
    String t = text.strip();
    return t.length() > 2000 ? "..." + t.substring(t.length() - 2000) : t;
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a leftover temp folder is harmless
    }
  }
}
