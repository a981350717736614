package dev.kernelplayground.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How long a whole program takes on the emulator: its first compile (the source made unique with a line of its
 * own, so the cache cannot answer; the emulator's runtime itself is built once per version beforehand), and
 * then each run end to end (the child process, main and its kernels), from the compiled binary. CPU timings:
 * never compared with a GPU. A benchmark, not a test.
 *
 * <p>{@code java -cp target/kp.jar dev.kernelplayground.emulator.ProgramBenchmark PROG.cu [ARGS...]}
 */
public final class ProgramBenchmark {
  private static final int RUNS = 5;

  private ProgramBenchmark() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: ProgramBenchmark PROG.cu [ARGS...]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    List<String> programArgs = Arrays.asList(args).subList(1, args.length);
    Emulator.compileProgram(file); // builds the runtime (once per emulator version) outside the measurement
    String unique = Files.readString(file) + "\nstatic const char* kp_benchmark_nonce = \"" + System.nanoTime() + "\";\n";
    long start = System.nanoTime();
    EmulatedProgram program = Emulator.compileProgram(file, unique);
    System.out.printf(Locale.ROOT, "first compile of %s: %.2f s (the compiler: %.2f s); %s%n", program.displayName(),
        (System.nanoTime() - start) / 1e9, program.compileTime().toNanos() / 1e9, program.target());
    for (int r = 0; r < RUNS; r++) {
      StringBuilder printed = new StringBuilder();
      EmulatedProgram.Outcome outcome = program.run(programArgs, EmulatedProgram.RunOptions.DEFAULT,
          Duration.ofMinutes(5), printed::append, printed::append);
      if (outcome.exitCode() != 0) {
        throw new UncheckedIOException(new IOException("the program failed (exit " + outcome.exitCode() + "):\n" + printed));
      }
      System.out.printf(Locale.ROOT, "run %d, end to end (process, main, kernels): %.3f s wall%n", r + 1,
          outcome.wallTime().toNanos() / 1e9);
    }
  }
}
