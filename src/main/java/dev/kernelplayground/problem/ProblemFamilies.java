package dev.kernelplayground.problem;

import static dev.kernelplayground.check.Arithmetic.FP16_IN_FP32_ACC;
import static dev.kernelplayground.check.Arithmetic.FP32;

import dev.kernelplayground.lessonkernels.attention.AttentionCases;
import dev.kernelplayground.lessonkernels.dot.DotCases;
import dev.kernelplayground.lessonkernels.histogram.HistogramCases;
import dev.kernelplayground.lessonkernels.conv1d.Conv1dCases;
import dev.kernelplayground.lessonkernels.matmul.MatmulCases;
import dev.kernelplayground.lessonkernels.scan.ScanCases;
import dev.kernelplayground.lessonkernels.softmax.SoftmaxCases;
import dev.kernelplayground.lessonkernels.transpose.TransposeCases;
import dev.kernelplayground.lessonkernels.vector.VectorCases;
import dev.kernelplayground.reference.AttentionShape;
import dev.kernelplayground.run.KernelCase;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The problem families, in lesson order: the one list the header parser, the CUDA binding, the Java lesson
 * kernels, the GPU report, the CLI and the tests read. A new family is one entry here plus its own files (its
 * problem, reference, kernels and tests); see {@link ProblemFamily} for what each line means.
 */
public final class ProblemFamilies {
  public static final ProblemFamily<VectorAddProblem> VECTOR_ADD =
      elementwise("vector_add", VectorAddProblem::random, VectorCases::vectorAddPlainJava, "a", "b")
          .testSmall(1003)
          .testEmulator(shape(100_003))
          .build();

  public static final ProblemFamily<CopyProblem> COPY =
      elementwise("copy", CopyProblem::random, VectorCases::copyPlainJava, "x")
          .testSmall(1001)
          .testEmulator(shape(100_003), shape(7))
          .build();

  public static final ProblemFamily<MatmulProblem> MATMUL =
      ProblemFamily.of("matmul", (s, seed, arithmetic) -> MatmulProblem.random(s[0], s[1], s[2], seed, arithmetic))
          .sizes("m", "n", "k").inputs("a", "b")
          .plainJava(MatmulCases::plainJava)
          .check("matmul", FP32, GpuComparison.CUBLAS_SGEMM)
          .check("matmul_fp16", FP16_IN_FP32_ACC, GpuComparison.CUBLAS_HGEMM)
          .defaultSize(4096, 4096, 4096)
          .gpuChecks(shape(333, 517, 259), shape(1031, 129, 77))
          .benchQuick(cube(256), cube(512))
          .benchFull(cube(1024), cube(2048), cube(4096))
          .javaBench(256, 256, 256)
          .testSmall(37, 29, 19)
          .testLaunches(shape(1031, 517, 33), shape(1, 1, 1), shape(129, 257, 7))
          .testEmulator(shape(67, 45, 33), shape(130, 131, 17))
          .testOpenCl(shape(127, 129, 131), shape(45, 70, 33), shape(1, 1, 1))
          .testJavaThreadPool(shape(45, 70, 33), shape(1, 1, 1))
          .build();

  public static final ProblemFamily<SoftmaxProblem> SOFTMAX =
      rowsByCols("softmax", SoftmaxProblem::random, SoftmaxCases::plainJava, GpuComparison.COPY_BANDWIDTH)
          .gpuChecks(shape(333, 1031), shape(77, 4099))
          .javaBench(512, 1024)
          .testLaunches(shape(37, 1031), shape(1, 1))
          .testEmulator(shape(37, 1031), shape(3, 31))
          .testOpenCl(shape(1823, 781), shape(3, 1031), shape(1, 1))
          .testJavaThreadPool(shape(37, 129), shape(2, 1031))
          .build();

  /** q, k, v and the output [batch, heads, seq, dim]; causal 1 masks the keys after each query. */
  public static final ProblemFamily<AttentionProblem> ATTENTION =
      ProblemFamily.of("attention", (s, seed, arithmetic) ->
              AttentionProblem.random(new AttentionShape(s[0], s[1], s[2], s[3]), s[4] == 1, seed, arithmetic))
          .sizes("batch", "heads", "seq", "dim").switches("causal").inputs("q", "k", "v")
          .plainJava(AttentionCases::plainJava)
          .check("attention", FP32, GpuComparison.NAIVE_ATTENTION)
          .check("attention_fp16", FP16_IN_FP32_ACC, GpuComparison.NAIVE_ATTENTION)
          .defaultSize(4, 16, 1024, 64, 0)
          .gpuChecks(shape(2, 3, 177, 64, 1), shape(1, 5, 301, 40, 0))
          .benchQuick(shape(1, 8, 256, 64, 0), shape(1, 8, 1024, 64, 0))
          .benchFull(shape(4, 16, 1024, 64, 0), shape(2, 8, 4096, 64, 0))
          .javaBench(1, 4, 256, 64)
          .testSmall(2, 3, 19, 24, 1)
          .testLaunches(shape(2, 3, 67, 64, 1), shape(1, 1, 1, 128, 0), shape(1, 2, 33, 80, 0))
          .testEmulator(shape(1, 2, 67, 64, 0), shape(2, 1, 45, 24, 1))
          .testOpenCl(shape(1, 2, 67, 24), shape(2, 1, 33, 64), shape(1, 1, 1, 1))
          .testJavaThreadPool(shape(1, 2, 37, 16))
          .build();

  /** out (cols×rows) = xᵀ for a rows×cols x: a copy whose reads or writes cannot both be neighbours. */
  public static final ProblemFamily<TransposeProblem> TRANSPOSE =
      rowsByCols("transpose", TransposeProblem::random, TransposeCases::plainJava, GpuComparison.PEAK_BANDWIDTH)
          .gpuChecks(shape(1823, 781), shape(77, 4099))
          .javaBench(512, 512)
          .testLaunches(shape(1823, 781), shape(1, 1), shape(1, 1031), shape(1031, 1))
          .testEmulator(shape(1823, 781), shape(33, 31), shape(1, 1031), shape(1031, 1))
          .testOpenCl(shape(1823, 781), shape(1, 1), shape(33, 31), shape(1, 1031))
          .testJavaThreadPool(shape(37, 129), shape(1, 1))
          .build();

  /** out[0] = x · y: a whole array reduced to one number, across every block of the grid. */
  public static final ProblemFamily<DotProblem> DOT =
      elementwise("dot", DotProblem::random, DotCases::plainJava, "x", "y")
          .testSmall(1003)
          .testEmulator(shape(100_003), shape(1), shape(257))
          .build();

  /** out[b] = how many x equal b; one_bin 1 puts every value in one bin, where all the atomics collide. */
  public static final ProblemFamily<HistogramProblem> HISTOGRAM =
      ProblemFamily.of("histogram", (s, seed, arithmetic) -> HistogramProblem.random(s[0], s[1], s[2] == 1, seed))
          .sizes("n", "bins").switches("one_bin").inputs("x")
          .plainJava(HistogramCases::plainJava)
          .check("histogram", FP32, GpuComparison.PEAK_BANDWIDTH)
          .defaultSize(1 << 23, 256, 0)
          .gpuChecks(shape(1_000_003, 256, 0), shape(65_537, 1000, 1))
          .benchQuick(shape(1 << 20, 256, 0))
          .benchFull(shape(1 << 23, 256, 0), shape(1 << 23, 4096, 0))
          .javaBench(1 << 22, 256)
          .testSmall(1003, 37, 0)
          .testLaunches(shape(1_000_003, 256, 0), shape(1, 1, 1), shape(7, 4099, 0))
          .testEmulator(shape(100_003, 256, 0), shape(100_003, 256, 1), shape(1, 1, 0), shape(513, 4099, 0))
          .testOpenCl(shape(100_003, 256), shape(1, 1), shape(513, 4095))
          .testJavaThreadPool(shape(10_007, 37))
          .build();

  /** out[i] = x[0] + ... + x[i], the inclusive prefix sum of n floats. */
  public static final ProblemFamily<ScanProblem> SCAN =
      ProblemFamily.of("scan", (s, seed, arithmetic) -> ScanProblem.random(s[0], seed))
          .sizes("n").inputs("x")
          .plainJava(ScanCases::plainJava)
          .check("scan", FP32, GpuComparison.PEAK_BANDWIDTH)
          .defaultSize(1 << 24)
          .gpuChecks(shape(1_000_003), shape(65_537))
          .benchQuick(shape(1 << 20))
          .benchFull(shape(1 << 24), shape(1 << 26))
          .javaBench(1 << 20)
          .testSmall(1003)
          .testLaunches(shape(1_000_003), shape(1), shape(1025))
          .testEmulator(shape(20_011), shape(1), shape(1025))
          .testOpenCl(shape(100_003), shape(1), shape(257))
          .testJavaThreadPool(shape(1031), shape(1))
          .build();

  /** out[i] = Σ_j w[j]·x[i + j − r]: n floats x, an odd width = 2·r + 1 of taps w, x zero outside. */
  public static final ProblemFamily<Conv1dProblem> CONV1D =
      ProblemFamily.of("conv1d", (s, seed, arithmetic) -> Conv1dProblem.random(s[0], s[1], seed))
          .sizes("n", "width").inputs("x", "w")
          .plainJava(Conv1dCases::plainJava)
          .check("conv1d", FP32, GpuComparison.PEAK_BANDWIDTH)
          .defaultSize(1 << 24, 31)
          .gpuChecks(shape(1_000_003, 31), shape(65_537, 7))
          .benchQuick(shape(1 << 20, 31))
          .benchFull(shape(1 << 24, 7), shape(1 << 24, 31), shape(1 << 24, 65))
          .javaBench(1 << 20, 31)
          .testSmall(1003, 7)
          .testLaunches(shape(1_000_003, 31), shape(1, 1), shape(5, 65))
          .testEmulator(shape(20_011, 31), shape(1, 1), shape(5, 65), shape(257, 3))
          .testOpenCl(shape(100_003, 31), shape(1, 1), shape(5, 65), shape(257, 3))
          .testJavaThreadPool(shape(1031, 9), shape(3, 7))
          .build();

  private static final List<ProblemFamily<?>> ALL =
      List.of(VECTOR_ADD, COPY, MATMUL, SOFTMAX, ATTENTION, TRANSPOSE, DOT, HISTOGRAM, SCAN, CONV1D);

  private ProblemFamilies() {}

  /** Every family, in lesson order. */
  public static List<ProblemFamily<?>> all() {
    return ALL;
  }

  /** The family with this name (ignoring case), or empty. */
  public static Optional<ProblemFamily<?>> byName(String name) {
    return ALL.stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
  }

  /** Makes the problem of one size n. */
  private interface ElementwiseMaker<P> {
    P random(int n, long seed);
  }

  /**
   * A family over n floats (vector_add, copy, dot): its fp32 check, compared with the peak bandwidth,
   * and the sizes they share; each adds its small test and emulator sizes.
   */
  private static <P extends Problem> ProblemFamily.Builder<P> elementwise(
      String name, ElementwiseMaker<P> maker, Function<P, KernelCase> plainJava, String... inputs) {
    return ProblemFamily.of(name, (s, seed, arithmetic) -> maker.random(s[0], seed))
        .sizes("n").inputs(inputs)
        .plainJava(plainJava)
        .check(name, FP32, GpuComparison.PEAK_BANDWIDTH)
        .defaultSize(1 << 24)
        .gpuChecks(shape(1_000_003), shape(65_537))
        .benchQuick(shape(1 << 20))
        .benchFull(shape(1 << 24), shape(1 << 26))
        .javaBench(1 << 24)
        .testLaunches(shape(1_000_003), shape(1), shape(7))
        .testOpenCl(shape(1_000_003), shape(1))
        .testJavaThreadPool(shape(100_003));
  }

  /** Makes the problem on one rows×cols matrix. */
  private interface RowsByColsMaker<P> {
    P random(int rows, int cols, long seed);
  }

  /**
   * A family on one rows×cols matrix x (softmax, transpose): its fp32 check and the default, benchmark and small
   * test sizes they share; each adds its GPU check, Java benchmark and test shapes.
   */
  private static <P extends Problem> ProblemFamily.Builder<P> rowsByCols(
      String name, RowsByColsMaker<P> maker, Function<P, KernelCase> plainJava, GpuComparison comparison) {
    return ProblemFamily.of(name, (s, seed, arithmetic) -> maker.random(s[0], s[1], seed))
        .sizes("rows", "cols").inputs("x")
        .plainJava(plainJava)
        .check(name, FP32, comparison)
        .defaultSize(4096, 4096)
        .benchQuick(shape(1024, 1024))
        .benchFull(shape(4096, 4096), shape(8192, 8192))
        .testSmall(13, 47);
  }

  private static int[] shape(int... sizes) {
    return sizes;
  }

  private static int[] cube(int edge) {
    return new int[] {edge, edge, edge};
  }
}
