package dev.kernelplayground.emulator;

import dev.kernelplayground.cudasource.KernelArg;
import dev.kernelplayground.cudasource.LaunchDims;
import dev.kernelplayground.device.Backend;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.device.KernelLaunch;
import dev.kernelplayground.process.ChildProcess;
import dev.kernelplayground.profile.KernelProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
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
      String compiler, ProfiledBuild profiled) {
    this(displayName, built, kernels, launchable, compiler, defaultThreads(), Schedule.FORWARD, true, profiled, false);
  }

  private final Schedule schedule;
  private final boolean sanitize;
  private final ProfiledBuild profiled;
  private final boolean profiling;

  private EmulatedModule(
      String displayName, Toolchain.Built built, List<KernelSignature> kernels, List<String> launchable,
      String compiler, int cpuThreads, Schedule schedule, boolean sanitize, ProfiledBuild profiled, boolean profiling) {
    this.schedule = schedule;
    this.sanitize = sanitize;
    this.profiled = profiled;
    this.profiling = profiling;
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
    return new EmulatedModule(displayName, built, kernels, launchable, compiler, threads, schedule, sanitize, profiled, profiling);
  }

  /**
   * The same module, running the threads of each block (and the lanes of each warp between warp operations)
   * in this order: {@link Schedule#FORWARD} (thread order, the default), {@link Schedule#REVERSE} or
   * {@link Schedule#random(long)}.
   */
  public EmulatedModule withSchedule(Schedule schedule) {
    return new EmulatedModule(displayName, built, kernels, launchable, compiler, cpuThreads, schedule, sanitize, profiled, profiling);
  }

  /**
   * The same module with the shared-memory sanitizer on (the default: races and reads of shared memory no
   * thread wrote are reported) or off ({@code --no-sanitize}, for speed). The bounds checks of global and
   * shared memory stay on either way: they cost one compare per index.
   */
  public EmulatedModule withSanitize(boolean on) {
    return new EmulatedModule(displayName, built, kernels, launchable, compiler, cpuThreads, schedule, on, profiled, profiling);
  }

  /**
   * The same module, its launches counted by the profiler ({@code --profile}) or not (the default): each launch's
   * {@link LaunchResult#profile()} then holds the warp-level traffic per source line. Counting runs a second build
   * of the file (instrumented, made on first use); the kernel computes the same results either way.
   *
   * @throws EmulatorException when the C++ compiler cannot build for profiling (it needs g++)
   */
  public EmulatedModule withProfiling(boolean on) {
    if (on && !profiled.possible()) {
      throw EmulatorException.of(EmulatorException.Kind.COMPILE_ERROR,
          "profiling needs g++ (its -fsanitize=thread instrumentation is what the profiler counts); the emulator uses "
              + compiler);
    }
    return new EmulatedModule(displayName, built, kernels, launchable, compiler, cpuThreads, schedule, sanitize, profiled, on);
  }

  /** Whether launches are counted by the profiler. */
  public boolean profiling() {
    return profiling;
  }

  /** Whether launches check shared memory for races and uninitialised reads. */
  public boolean sanitize() {
    return sanitize;
  }

  /** The order the threads of a block run in. */
  public Schedule schedule() {
    return schedule;
  }

  /** The file name messages use. */
  public String displayName() {
    return displayName;
  }

  /** The kernel of this name as the file declares it (its parameters as written), if the file has one. */
  public java.util.Optional<KernelSignature> signature(String kernel) {
    return kernels.stream().filter(k -> k.name().equals(kernel)).findFirst();
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

  /**
   * Where launches run, e.g. "emulator · CUDA emulator · 2 threads on the CPU (g++ 12.2.0) · sanitizer on"
   * (with the schedule when it is not thread order: "· schedule random:42").
   */
  public ExecutionTarget target() {
    return new ExecutionTarget(
        Backend.EMULATOR,
        "CUDA emulator · " + cpuThreads + " thread" + (cpuThreads == 1 ? "" : "s") + " on the CPU (" + compiler + ")"
            + " · " + checks() + (schedule.equals(Schedule.FORWARD) ? "" : " · schedule " + schedule),
        false);
  }

  /** "sanitizer on" or "sanitizer off (--no-sanitize)". */
  public String checks() {
    return sanitize ? "sanitizer on" : "sanitizer off (--no-sanitize)";
  }

  /**
   * This kernel as the checker's {@link KernelLaunch}: {@code arguments} builds the argument list around
   * the output array the checker hands in (poisoned before the run), e.g. {@code out -> List.of(KernelArg.in(a),
   * KernelArg.in(b), KernelArg.out(out), KernelArg.of(n))}.
   */
  public KernelLaunch asKernelLaunch(
      String kernel, LaunchDims dims, Function<float[], List<KernelArg>> arguments, Duration timeout) {
    return out -> launch(kernel, dims, arguments.apply(out), timeout).target();
  }

  /** The child processes running a kernel now, and those {@link #stopAll} ended. */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  private static final Set<Process> STOPPED = ConcurrentHashMap.newKeySet();

  /**
   * Stops every kernel the emulator is running in this JVM (the notebook's interrupt button); each of their
   * launches throws {@link EmulatorException.Kind#STOPPED}. Returns how many were running.
   */
  public static int stopAll() {
    int stopped = 0;
    for (Process p : List.copyOf(RUNNING)) {
      STOPPED.add(p);
      ChildProcess.killTree(p);
      stopped++;
    }
    return stopped;
  }

  /** The timeout of {@link #launch(String, LaunchDims, List)}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** {@link #launch(String, LaunchDims, List, Duration)} with the {@link #DEFAULT_TIMEOUT}. */
  public LaunchResult launch(String kernel, LaunchDims dims, List<KernelArg> args) {
    return launch(kernel, dims, args, DEFAULT_TIMEOUT);
  }

  /**
   * Runs {@code kernel<<<grid, block, dynamicSharedBytes>>>(args...)} with the callers' arrays ({@link
   * KernelArg.Buffer#values()}) and writes the out and in-out buffers back into them. The launch shape is
   * within CUDA's limits already ({@link LaunchDims} checks them).
   *
   * @throws EmulatorException when the kernel fails: out-of-bounds access, divergent barrier, timeout,
   *     crash, or a launch that does not fit the kernel
   */
  public LaunchResult launch(String kernel, LaunchDims dims, List<KernelArg> args, Duration timeout) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory(BufferFiles.tempRoot(BufferFiles.bufferBytes(args)), "kp-emulator-");
      List<String> command = new ArrayList<>();
      command.add(built.binary().toString());
      command.add("--run");
      command.add(kernel.replaceAll("\\s+", "")); // "matmul<64, 8>" is registered as "matmul<64,8>"
      for (int v : new int[] {dims.gridX(), dims.gridY(), dims.gridZ(), dims.blockX(), dims.blockY(), dims.blockZ(),
          dims.dynamicSharedBytes()}) {
        command.add(Integer.toString(v));
      }
      command.add(Long.toString(Math.max(1, timeout.toMillis())));
      command.add(Integer.toString(cpuThreads));
      Map<Integer, Path> files = new HashMap<>();
      for (int i = 0; i < args.size(); i++) {
        command.add(BufferFiles.encode(args.get(i), i, dir, files));
      }
      Toolchain.Built binary = profiling ? profiled.get() : built;
      command.set(0, binary.binary().toString());
      Path counts = dir.resolve("profile.tsv");
      AtomicReference<Process> started = new AtomicReference<>();
      ChildProcess.Result run;
      try {
        run = ChildProcess.of(command)
            .env("KP_EMULATOR_PROFILE", profiling ? counts.toString() : "")
            .readable(built.binary())
            .writable(dir)
            .env("KP_EMULATOR_SCHEDULE", schedule.toString())
            .env("KP_EMULATOR_SANITIZE", sanitize ? "1" : "0")
            .timeout(timeout.plusSeconds(10))
            .onStart(p -> {
              started.set(p);
              RUNNING.add(p);
            })
            .run();
      } catch (InterruptedException interrupt) { // the runner killed the child
        STOPPED.remove(started.get());
        Thread.currentThread().interrupt();
        throw stopped(kernel);
      } finally {
        if (started.get() != null) {
          RUNNING.remove(started.get());
        }
      }
      if (STOPPED.remove(started.get())) {
        throw stopped(kernel);
      }
      if (run.timedOut()) {
        throw report().failure(
            EmulatorException.Kind.TIMEOUT,
            "kernel " + kernel + " ran longer than its " + FailureReport.human(timeout)
                + " timeout and had to be killed (an endless loop?)",
            kernel, null, null, 0);
      }
      String printed = run.stdout();
      String errors = run.stderr();
      if (run.exitCode() == 3 && errors.contains(ERROR_MARK)) {
        throw report().explain(FailureReport.fields(errors, ERROR_MARK), args, printed, timeout);
      }
      if (run.exitCode() != 0 || !errors.contains(STATS_MARK)) {
        throw report().failure(
            EmulatorException.Kind.CRASH,
            "kernel " + kernel + " crashed the emulator (exit status " + run.exitCode() + "): "
                + FailureReport.tail(errors),
            kernel, null, null, 0);
      }
      Map<String, String> stats = FailureReport.fields(errors, STATS_MARK);
      for (int i = 0; i < args.size(); i++) {
        BufferFiles.readBack(args.get(i), files.get(i));
      }
      long nanos = Math.round(Double.parseDouble(stats.get("seconds")) * 1e9);
      int used = Integer.parseInt(stats.get("threads"));
      ExecutionTarget target = used == cpuThreads ? target() : withCpuThreads(used).target();
      long cpuNanos = Math.round(Double.parseDouble(stats.get("cpu_seconds")) * 1e9);
      KernelProfile profile = profiling
          ? ProfileFile.read(counts, binary.binary(), kernel, displayName, profiled.sourceLines(),
              Long.parseLong(stats.get("blocks")))
          : null;
      return new LaunchResult(
          target, Duration.ofNanos(nanos), Duration.ofNanos(cpuNanos), Long.parseLong(stats.get("phases")), printed,
          profile);
    } catch (IOException e) {
      throw new UncheckedIOException("emulator launch of " + kernel + " failed", e);
    } finally {
      deleteQuietly(dir);
    }
  }

  private EmulatorException stopped(String kernel) {
    return report().failure(
        EmulatorException.Kind.STOPPED, "kernel " + kernel + " was stopped on request", kernel, null, null, 0);
  }

  private FailureReport report() {
    return new FailureReport(displayName, built.binary(), kernels);
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
