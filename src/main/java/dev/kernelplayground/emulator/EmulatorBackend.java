package dev.kernelplayground.emulator;

import dev.kernelplayground.bench.CacheFlush;
import dev.kernelplayground.bench.Clock;
import dev.kernelplayground.bench.TimedLaunch;
import dev.kernelplayground.cudasource.BoundKernel;
import dev.kernelplayground.cudasource.BoundLaunch;
import dev.kernelplayground.cudasource.CudaBackend;
import dev.kernelplayground.cudasource.ElementType;
import dev.kernelplayground.cudasource.KernelArg;
import dev.kernelplayground.cudasource.LocalHeaders;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.device.KernelLaunch;
import dev.kernelplayground.profile.KernelProfile;
import dev.kernelplayground.run.KernelCase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CUDA C on the CPU: a kernels/ file (or a notebook cell) bound to its problem, run on the emulator. Each
 * source is compiled once per backend, keyed by a hash of its path, its text and the text of the files it
 * includes, so a {@code %%cuda} cell compiled when it runs is not compiled (or looked up on disk) again when
 * {@code Playground.cuda} runs it. Every run runs the file's launches in order (attention's naive version is
 * three), inputs read-only (fp16 inputs as their 16-bit patterns), scratch buffers filled with NaN so that a
 * kernel reading what nobody wrote fails its check.
 *
 * <p>A timed run's seconds are the kernel time the emulator's child process measured around its blocks, summed
 * over the launches ({@link Clock#EMULATOR_KERNEL}): not the process start or the buffer files, and a CPU
 * time, never a GPU figure.
 */
public final class EmulatorBackend implements CudaBackend {
  private final Duration timeout;
  private final Map<String, EmulatedModule> modules = new ConcurrentHashMap<>();
  private volatile Schedule schedule = Schedule.FORWARD;
  private volatile boolean sanitize = true;

  /** A backend that stops each launch after {@code timeout}. */
  public EmulatorBackend(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * "emulator · CUDA C compiled for the CPU (g++ 12.2.0), bounds-checked, sanitizer on" (or "sanitizer off
   * (--no-sanitize)"), with the schedule when it is not thread order.
   */
  @Override
  public String describe() {
    return "emulator · CUDA C compiled for the CPU (" + Emulator.compiler().orElse("no C++ compiler")
        + "), bounds-checked, " + (sanitize ? "sanitizer on" : "sanitizer off (--no-sanitize)")
        + (schedule.equals(Schedule.FORWARD) ? "" : ", threads in " + schedule + " order (--schedule " + schedule + " replays it)");
  }

  /** Runs the threads of each block in this order from now on (thread order by default). */
  public EmulatorBackend schedule(Schedule chosen) {
    schedule = java.util.Objects.requireNonNull(chosen);
    return this;
  }

  public Schedule schedule() {
    return schedule;
  }

  /** Turns the shared-memory sanitizer (races, uninitialised reads) on (the default) or off, from now on. */
  public EmulatorBackend sanitize(boolean on) {
    sanitize = on;
    return this;
  }

  public boolean sanitize() {
    return sanitize;
  }

  @Override
  public CacheFlush cacheFlush() {
    return CacheFlush.NONE;
  }

  /**
   * {@code text} as the file {@code cuFile}, compiled for the CPU, or the module compiled for the same path,
   * text and included files before.
   *
   * @throws EmulatorException when it does not compile (the message shows the file's own lines)
   */
  public EmulatedModule compile(Path cuFile, String text) {
    StringBuilder key = new StringBuilder(cuFile.toAbsolutePath().normalize().toString()).append('\0').append(text);
    LocalHeaders.texts(cuFile.toAbsolutePath().getParent(), text).forEach(header -> key.append('\0').append(header));
    return modules.computeIfAbsent(Toolchain.sha256(key.toString()), k -> Emulator.compile(cuFile, text, List.of()));
  }

  @Override
  public KernelCase prepare(BoundKernel bound) {
    EmulatedModule module =
        compile(bound.source().path(), bound.source().text()).withSchedule(schedule).withSanitize(sanitize);
    KernelLaunch checked = out -> run(module, bound, out).target();
    TimedLaunch timed = out -> {
      Run run = run(module, bound, out);
      return new TimedLaunch.Sample(run.target(), run.kernelTime().toNanos() * 1e-9, Clock.EMULATOR_KERNEL);
    };
    return new KernelCase(
        "emulator:" + bound.id(), bound.problem(), checked, timed, bound.outputTile(), bound.check().precision());
  }

  /**
   * The bound kernel's launches run once each under the profiler, with random inputs from its problem: what they
   * counted, per kernel (launches of one kernel added up). A file that launches one kernel gets the problem's FLOPs
   * (less those the tensor cores did) as its FP32 arithmetic; with several kernels no share can be told apart, and
   * the FP32 term stays 0.
   *
   * @throws EmulatorException when a launch fails, or the compiler cannot build for profiling
   */
  public List<KernelProfile> profile(BoundKernel bound) {
    EmulatedModule module = compile(bound.source().path(), bound.source().text()).withSchedule(schedule)
        .withSanitize(sanitize).withProfiling(true);
    List<KernelProfile> profiles = KernelProfile.merged(run(module, bound, new float[bound.problem().outputSize()]).profiles());
    if (profiles.size() != 1) {
      return profiles;
    }
    KernelProfile p = profiles.get(0);
    double fp32 = Math.max(0, bound.problem().workload().flops() - p.tensorFlopsFp16Acc() - p.tensorFlopsFp32Acc());
    return List.of(p.withFp32Flops(fp32));
  }

  /** Where the last launch ran, the kernel time of all of them, and what the profiler counted (if it ran). */
  private record Run(ExecutionTarget target, Duration kernelTime, List<KernelProfile> profiles) {}

  private Run run(EmulatedModule module, BoundKernel bound, float[] out) {
    Map<String, Object> scratch = new HashMap<>();
    for (KernelArg.Buffer s : bound.scratchBuffers()) {
      scratch.put(s.name(), newScratch(s));
    }
    ExecutionTarget where = module.target();
    Duration kernelTime = Duration.ZERO;
    List<KernelProfile> profiles = new ArrayList<>();
    for (BoundLaunch l : bound.launches()) {
      List<KernelArg> args = new ArrayList<>();
      for (KernelArg a : l.args()) {
        args.add(a instanceof KernelArg.Buffer b ? b.holding(values(b, bound, out, scratch)) : a);
      }
      LaunchResult result = module.launch(l.kernelName(), l.dims(), args, timeout);
      where = result.target();
      kernelTime = kernelTime.plus(result.kernelTime());
      if (result.profile() != null) {
        profiles.add(result.profile());
      }
    }
    return new Run(where, kernelTime, profiles);
  }

  /** The array a bound buffer is passed as: its input (fp16 inputs as 16-bit patterns), the output, or scratch. */
  private static Object values(KernelArg.Buffer b, BoundKernel bound, float[] out, Map<String, Object> scratch) {
    return switch (b.access()) {
      case IN -> b.element() == ElementType.HALF ? bound.inputHalfBits(b.name()) : bound.inputValues(b.name());
      case OUT -> out;
      case IN_OUT -> scratch.get(b.name());
    };
  }

  private static Object newScratch(KernelArg.Buffer s) {
    if (s.elements() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "scratch buffer " + s.name() + " needs " + s.elements() + " elements, more than the emulator can pass");
    }
    int n = (int) s.elements();
    if (s.element() == ElementType.HALF) {
      short[] halves = new short[n];
      Arrays.fill(halves, (short) 0x7E00); // fp16 NaN
      return halves;
    }
    float[] floats = new float[n];
    Arrays.fill(floats, Float.NaN);
    return floats;
  }
}
