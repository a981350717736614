package dev.kernelplayground.emulator;

import dev.kernelplayground.check.CheckReport;
import dev.kernelplayground.check.Checker;
import dev.kernelplayground.cudasource.KernelArg;
import dev.kernelplayground.cudasource.LaunchDims;
import dev.kernelplayground.problem.MatmulProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The emulator's side of bench/emulator-vs-numba: a 16×16 tiled matmul of n³ on the CPU, checked against
 * the float64 reference, timed end to end (child process, buffers and all) and inside the kernel, with
 * the emulated thread-phases per second, with the shared-memory sanitizer on (the default) and off. CPU
 * timings: never compared with a GPU.
 *
 * <p>{@code java -cp target/kp.jar dev.kernelplayground.emulator.EmulatorBenchmark FILE.cu N...}
 */
public final class EmulatorBenchmark {
  private static final int TILE = 16;
  private static final int RUNS = 3;

  private EmulatorBenchmark() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: EmulatorBenchmark MATMUL.cu N [N...]   (kernel matmul_tiled, 16x16 blocks)");
      System.exit(2);
    }
    long compileStart = System.nanoTime();
    EmulatedModule module = Emulator.compile(Path.of(args[0]));
    double compileSeconds = (System.nanoTime() - compileStart) / 1e9;
    System.out.printf("compiled %s in %.2f s%s; %s%n", module.displayName(), compileSeconds,
        module.fromCache() ? " (from the cache)" : "", module.target().label());
    for (int i = 1; i < args.length; i++) {
      int n = Integer.parseInt(args[i]);
      run(module, n);
      run(module.withSanitize(false), n);
    }
  }

  private static void run(EmulatedModule module, int n) {
    long seed = 1;
    MatmulProblem problem = MatmulProblem.random(n, n, n, seed);
    float[] c = new float[n * n];
    LaunchDims dims = new LaunchDims((n + TILE - 1) / TILE, (n + TILE - 1) / TILE, 1, TILE, TILE, 1, 0);
    CheckReport check =
        Checker.run("matmul_tiled", seed, problem.expected(), problem.inputs(), c,
            module.asKernelLaunch("matmul_tiled", dims, out -> args(problem, out, n), Duration.ofMinutes(5)), TILE);
    List<KernelArg> launchArgs = args(problem, c, n);
    double bestEndToEnd = Double.MAX_VALUE;
    LaunchResult best = null;
    for (int r = 0; r < RUNS; r++) {
      long start = System.nanoTime();
      LaunchResult result = module.launch("matmul_tiled", dims, launchArgs, Duration.ofMinutes(5));
      double endToEnd = (System.nanoTime() - start) / 1e9;
      if (endToEnd < bestEndToEnd) {
        bestEndToEnd = endToEnd;
        best = result;
      }
    }
    System.out.printf(
        "EMULATOR size=%d sanitizer=%s end_to_end=%.4f kernel_wall=%.4f kernel_cpu=%.4f thread_phases=%d"
            + " phases_per_s=%.3g check=%s (best of %d, %s)%n",
        n, module.sanitize() ? "on" : "off", bestEndToEnd, best.kernelTime().toNanos() / 1e9, best.cpuTime().toNanos() / 1e9, best.threadPhases(),
        best.threadPhasesPerSecond(), check.passed() ? "passed" : "FAILED " + check.findings(), RUNS,
        best.target().label());
  }

  private static List<KernelArg> args(MatmulProblem p, float[] out, int n) {
    return List.of(KernelArg.in(p.a()), KernelArg.in(p.b()), KernelArg.out(out), KernelArg.of(n), KernelArg.of(n),
        KernelArg.of(n));
  }
}
