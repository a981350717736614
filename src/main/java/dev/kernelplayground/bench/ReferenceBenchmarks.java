package dev.kernelplayground.bench;

import dev.kernelplayground.device.Backend;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.reference.AttentionReference;
import dev.kernelplayground.reference.AttentionShape;
import dev.kernelplayground.reference.MatmulReference;
import dev.kernelplayground.reference.SoftmaxReference;
import java.util.List;

/**
 * How fast the float64 CPU references are, since every check waits for one: matmul (with Σ|a·b|),
 * softmax and attention at the sizes lessons use and above.
 */
public final class ReferenceBenchmarks {
  /** One reference at one size, ready to time. */
  public record Case(String name, String size, Workload workload, Runnable body) {}

  private ReferenceBenchmarks() {}

  public static ExecutionTarget target() {
    int threads = Runtime.getRuntime().availableProcessors();
    return new ExecutionTarget(Backend.JAVA, "float64 reference on " + threads + " CPU threads", false);
  }

  public static List<Case> cases(long seed) {
    return List.of(matmul(512, seed), matmul(1024, seed), softmax(4096, 4096, seed), attention(new AttentionShape(1, 8, 1024, 64), seed));
  }

  static Case matmul(int n, long seed) {
    float[] a = RandomInputs.uniform(n * n, seed, "a");
    float[] b = RandomInputs.uniform(n * n, seed, "b");
    // the reference also sums |a·b|: 4 FLOPs per term, counted as the usual 2 of a matmul
    return new Case("matmul", n + "³", new Workload(2.0 * n * n * n, 12.0 * n * n),
        () -> MatmulReference.compute(a, b, n, n, n));
  }

  static Case softmax(int rows, int cols, long seed) {
    float[] x = RandomInputs.uniform(rows * cols, seed, "x");
    return new Case("softmax", rows + "×" + cols, new Workload(4.0 * rows * cols, 8.0 * rows * cols),
        () -> SoftmaxReference.rows(x, rows, cols));
  }

  static Case attention(AttentionShape s, long seed) {
    int size = s.batch() * s.heads() * s.seqLen() * s.headDim();
    float[] q = RandomInputs.uniform(size, seed, "q");
    float[] k = RandomInputs.uniform(size, seed, "k");
    float[] v = RandomInputs.uniform(size, seed, "v");
    double flops = 4.0 * s.batch() * s.heads() * s.seqLen() * s.seqLen() * s.headDim();
    return new Case("attention", s.batch() + "×" + s.heads() + "×" + s.seqLen() + "×" + s.headDim(),
        new Workload(flops, 16.0 * size), () -> AttentionReference.compute(q, k, v, s, false));
  }

  /** Times one case: the wall clock around the reference call. */
  public static Timing time(Case c, BenchConfig config) {
    ExecutionTarget target = target();
    TimedLaunch launch =
        TimedLaunch.wallClock(
            out -> {
              c.body().run();
              return target;
            });
    return Benchmark.measure(c.name() + " " + c.size(), c.workload(), new float[0], launch, CacheFlush.NONE, config);
  }
}
