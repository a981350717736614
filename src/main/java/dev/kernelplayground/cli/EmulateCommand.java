package dev.kernelplayground.cli;

import dev.kernelplayground.cudasource.ElementType;
import dev.kernelplayground.cudasource.KernelArg;
import dev.kernelplayground.cudasource.LaunchDims;
import dev.kernelplayground.emulator.BufferSummary;
import dev.kernelplayground.emulator.EmulatedModule;
import dev.kernelplayground.emulator.EmulatedProgram;
import dev.kernelplayground.emulator.Emulator;
import dev.kernelplayground.emulator.LaunchResult;
import dev.kernelplayground.emulator.Schedule;
import dev.kernelplayground.problem.RandomInputs;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kp emulate}: runs one kernel of a .cu file on the CUDA emulator with random inputs, and shows
 * what it wrote, how long the CPU took, and any out-of-bounds access, divergent barrier or runaway loop.
 */
@Command(
    name = "emulate",
    description = {
      "Run a CUDA C kernel on the CPU with the CUDA emulator (no GPU needed), with random inputs.",
      "Out-of-bounds accesses, barriers reached by part of a block and endless loops are reported with",
      "the block, thread and line. Timings are CPU timings, not GPU performance.",
      "Arguments, in the kernel's parameter order: in:float:N, out:float:N, inout:float:N (also int and",
      "half), an integer (64) or a float (1.5f).",
      "Example: kp emulate tiled.cu -k matmul_tiled -g 4,4 -b 16,16 in:float:4096 in:float:4096 out:float:4096 64 64 64",
      "A whole program (a file with its own main) runs when no kernel is named: kp emulate prog.cu [-- ARGS...]",
      "(its output as it is written, its exit status passed through)."
    })
public final class EmulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.cu", description = "The CUDA C file.")
  Path file;

  @Parameters(index = "1..*", paramLabel = "ARG",
      description = "The kernel's arguments, in order; for a whole program, its command-line arguments (after --).")
  List<String> arguments = new ArrayList<>();

  @Option(names = {"-k", "--kernel"}, paramLabel = "NAME",
      description = "The kernel; a template as name<args>, e.g. 'matmul<64, 8>'. Without it, a file with a main runs"
          + " as a whole program.")
  String kernel;

  @Option(names = {"-g", "--grid"}, paramLabel = "X[,Y[,Z]]", description = "Blocks in the grid (with --kernel).")
  String grid;

  @Option(names = {"-b", "--block"}, paramLabel = "X[,Y[,Z]]", description = "Threads per block (with --kernel).")
  String block;

  @Option(names = "--smem", defaultValue = "0", paramLabel = "BYTES", description = "Dynamic shared memory. Default: 0.")
  int dynamicShared;

  @Option(names = "--timeout", paramLabel = "SECONDS",
      description = "Stop the kernel after this. Default: 10 (a whole program: 120).")
  Double timeoutSeconds;

  @Mixin SeedOption seed;

  @Option(names = "--cpu-threads", paramLabel = "N", description = "CPU threads to run blocks on (default: all cores).")
  Integer cpuThreads;

  @Mixin RaceCheckOptions raceCheck;

  @Mixin ProfileOptions profile;

  @Override
  public Integer call() throws java.io.IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    if (!Emulator.available()) {
      throw new IllegalStateException("the CUDA emulator needs a C++ compiler (g++ or clang++) on PATH");
    }
    if (kernel == null) {
      return runProgram();
    }
    if (grid == null || block == null) {
      throw new IllegalArgumentException("a kernel launch needs --grid and --block (e.g. -g 4 -b 256)");
    }
    long usedSeed = seed.seedOrNew();
    List<KernelArg> args = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < arguments.size(); i++) {
      args.add(parse(arguments.get(i), i, usedSeed));
      labels.add(arguments.get(i));
    }
    String name = kernel.replaceAll("\\s+", "");
    EmulatedModule module = Emulator.compile(file, name.contains("<") ? List.of(name) : List.of());
    if (cpuThreads != null) {
      module = module.withCpuThreads(cpuThreads);
    }
    Schedule schedule = raceCheck.schedule();
    module = module.withSchedule(schedule).withSanitize(!raceCheck.noSanitize).withProfiling(profile.on());
    int[] g = dim(grid, "--grid");
    int[] b = dim(block, "--block");
    LaunchDims dims = new LaunchDims(g[0], g[1], g[2], b[0], b[1], b[2], dynamicShared);
    LaunchResult result = module.launch(name, dims, args, Duration.ofMillis(Math.round(timeout(10) * 1000)));
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "%s<<<(%d,%d,%d), (%d,%d,%d), %d>>> ran on %s%n", name, g[0], g[1], g[2], b[0], b[1],
        b[2], dynamicShared, result.target().label());
    out.printf(Locale.ROOT, "  CPU time (not GPU performance): %.3f ms, %,d thread-phases (%.3g per second); inputs from seed %d%s%n",
        result.kernelTime().toNanos() / 1e6, result.threadPhases(), result.threadPhasesPerSecond(), usedSeed,
        module.fromCache() ? "" : String.format(Locale.ROOT, "; compiled in %.2f s", module.compileTime().toNanos() / 1e9));
    if (schedule != Schedule.FORWARD) {
      out.printf(Locale.ROOT, "  threads of each block ran in %s order (--schedule %s replays it)%n",
          schedule, schedule);
    }
    for (int i = 0; i < args.size(); i++) {
      describe(out, i, labels.get(i), args.get(i));
    }
    if (!result.printed().isEmpty()) {
      out.println("printf output:");
      out.print(result.printed());
    }
    if (result.profile() != null) {
      profile.report(List.of(result.profile()), out);
    }
    out.flush();
    return 0;
  }

  private double timeout(double fallback) {
    return timeoutSeconds != null ? timeoutSeconds : fallback;
  }

  /** A file with its own main, run as it is: output streamed, exit status passed through. */
  private int runProgram() throws java.io.IOException {
    if (!Emulator.isProgram(Files.readString(file))) {
      throw new IllegalArgumentException(file + " has no main() to run as a whole program; to run one of its kernels,"
          + " name it: kp emulate " + file + " -k KERNEL -g GRID -b BLOCK ARGS...");
    }
    EmulatedProgram program = Emulator.compileProgram(file);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    EmulatedProgram.RunOptions options = new EmulatedProgram.RunOptions(
        cpuThreads == null ? 0 : cpuThreads, raceCheck.schedule(), !raceCheck.noSanitize);
    EmulatedProgram.Outcome outcome = program.run(arguments, options,
        Duration.ofMillis(Math.round(timeout(120) * 1000)),
        text -> {
          out.print(text);
          out.flush();
        },
        line -> {
          out.flush();
          err.println(line);
          err.flush();
        });
    return outcome.timedOut() ? 124 : outcome.exitCode();
  }

  private static KernelArg parse(String text, int index, long seed) {
    String t = text.strip();
    if (t.matches("-?\\d+")) {
      return KernelArg.of(Long.parseLong(t));
    }
    if (t.matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE]-?\\d+)?[fF]?")) {
      return KernelArg.of(Float.parseFloat(t));
    }
    String[] parts = t.split(":");
    if (parts.length != 3 || !parts[2].matches("\\d+")) {
      throw new IllegalArgumentException("argument " + (index + 1) + " '" + text + "': expected in|out|inout:float|int|half:N,"
          + " an integer or a float (e.g. 1.5f)");
    }
    KernelArg.Access access = switch (parts[0]) {
      case "in" -> KernelArg.Access.IN;
      case "out" -> KernelArg.Access.OUT;
      case "inout" -> KernelArg.Access.IN_OUT;
      default -> throw new IllegalArgumentException("argument " + (index + 1) + ": '" + parts[0] + "' is not in, out or inout");
    };
    int n = Integer.parseInt(parts[2]);
    String name = "arg" + index;
    boolean filled = access != KernelArg.Access.OUT;
    return switch (parts[1]) {
      case "float" -> new KernelArg.Buffer(label(index), ElementType.FLOAT, n, access,
          filled ? RandomInputs.uniform(n, seed, name) : nans(n));
      case "int" -> new KernelArg.Buffer(label(index), ElementType.INT, n, access,
          filled ? new SplittableRandom(seed ^ index).ints(n, 0, 100).toArray() : new int[n]);
      case "half" -> {
        float[] values = filled ? RandomInputs.uniform(n, seed, name) : nans(n);
        short[] bits = new short[n];
        for (int i = 0; i < n; i++) {
          bits[i] = (short) dev.kernelplayground.reference.LowPrecision.halfBits(values[i]);
        }
        yield new KernelArg.Buffer(label(index), ElementType.HALF, n, access, bits);
      }
      default -> throw new IllegalArgumentException("argument " + (index + 1) + ": element type '" + parts[1]
          + "' is not float, int or half");
    };
  }

  /** The name a positional argument goes by in messages: "argument 3". */
  private static String label(int index) {
    return "argument " + (index + 1);
  }

  private static float[] nans(int n) {
    float[] x = new float[n];
    java.util.Arrays.fill(x, Float.NaN);
    return x;
  }

  /** "4,4" as {4, 4, 1}; every size at least 1 (CUDA's upper limits are LaunchDims'). */
  private static int[] dim(String text, String option) {
    String[] parts = text.split(",");
    if (parts.length > 3) {
      throw new IllegalArgumentException(option + " " + text + ": at most three sizes, x,y,z");
    }
    int[] v = {1, 1, 1};
    for (int i = 0; i < parts.length; i++) {
      try {
        v[i] = Integer.parseInt(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " " + text + ": '" + parts[i] + "' is not a whole number");
      }
    }
    if (v[0] < 1 || v[1] < 1 || v[2] < 1) {
      throw new IllegalArgumentException(
          "every dimension must be at least 1, got (" + v[0] + ", " + v[1] + ", " + v[2] + ")");
    }
    return v;
  }

  private static void describe(PrintWriter out, int index, String label, KernelArg arg) {
    if (arg instanceof KernelArg.Buffer b && b.access() != KernelArg.Access.IN) {
      out.printf(Locale.ROOT, "  argument %d (%s): %s%n", index + 1, label, BufferSummary.of(b));
    }
  }
}
