package dev.kernelplayground.emulator;

import dev.kernelplayground.process.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A whole CUDA program (a .cu file with its own {@code main}) compiled for the CPU against the emulator's host
 * runtime (kp_program.h). {@link #run} runs {@code main} with the given arguments in a child process: what the
 * program prints comes through as it is written, a failing kernel's report ("@@KP-ERROR" from the driver) is
 * turned into the emulator's usual words with the user's file and line, and the exit status is the program's.
 */
public final class EmulatedProgram {
  private static final String ERROR_MARK = "@@KP-ERROR\t";

  /** How a run ended: the program's exit status, or a timeout; and how long it took (CPU emulation). */
  public record Outcome(int exitCode, boolean timedOut, Duration wallTime) {}

  private final String displayName;
  private final Toolchain.Built built;
  private final List<KernelSignature> kernels;
  private final String compiler;

  EmulatedProgram(String displayName, Toolchain.Built built, List<KernelSignature> kernels, String compiler) {
    this.displayName = displayName;
    this.built = built;
    this.kernels = kernels;
    this.compiler = compiler;
  }

  /** The file name messages use. */
  public String displayName() {
    return displayName;
  }

  /** Time the compiler took; zero when the binary came from the cache. */
  public Duration compileTime() {
    return Duration.ofNanos(built.compileNanos());
  }

  public boolean fromCache() {
    return built.cached();
  }

  /** E.g. "CUDA emulator (g++ 12.2.0), a whole program on the CPU". */
  public String target() {
    return "CUDA emulator (" + compiler + "), a whole program on the CPU";
  }

  /**
   * Runs the program's {@code main} with {@code args}, handing {@code stdout} what it prints (stdout and
   * stderr in the order written) as it prints it, and {@code stderr} the emulator's report of each kernel that
   * failed, in its place in the output.
   *
   * @param options threads, schedule and sanitizer, as for kernels
   * @param timeout the whole program's time limit; then it is killed
   */
  public Outcome run(List<String> args, RunOptions options, Duration timeout, Consumer<String> stdout,
      Consumer<String> stderr) {
    List<String> command = new ArrayList<>();
    command.add(built.binary().toString());
    command.addAll(args);
    ChildProcess child = ChildProcess.of(command)
        .env("KP_EMULATOR_SCHEDULE", options.schedule().toString())
        .env("KP_EMULATOR_SANITIZE", options.sanitize() ? "1" : "0")
        .timeout(timeout);
    if (options.cpuThreads() > 0) {
      child.env("KP_EMULATOR_THREADS", Integer.toString(options.cpuThreads()));
    }
    try {
      OutputLines lines = new OutputLines(stdout, report -> stderr.accept(
          this.report().explain(FailureReport.fields(report, ERROR_MARK), List.of(), "", timeout).getMessage()));
      ChildProcess.Result r = child.mergeStderr().stream(lines::accept, line -> {});
      lines.finish();
      if (r.timedOut()) {
        stderr.accept(displayName + ": the program ran longer than its " + FailureReport.human(timeout)
            + " limit and was stopped (an endless loop, or a kernel waiting for something that never happens?)");
      }
      return new Outcome(r.exitCode(), r.timedOut(), r.duration());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + displayName, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw report().failure(EmulatorException.Kind.STOPPED, displayName + " was stopped on request", null, null, null, 0);
    }
  }

  private FailureReport report() {
    return new FailureReport(displayName, built.binary(), kernels);
  }

  /**
   * How a program's kernels run: on this many CPU threads (0: one per core), in this thread order, with or
   * without the shared-memory sanitizer.
   */
  public record RunOptions(int cpuThreads, Schedule schedule, boolean sanitize) {
    public static final RunOptions DEFAULT = new RunOptions(0, Schedule.FORWARD, true);
  }
}
