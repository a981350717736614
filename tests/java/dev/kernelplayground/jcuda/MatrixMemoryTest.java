package dev.kernelplayground.jcuda;

import static dev.kernelplayground.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.bench.TimedLaunch;
import dev.kernelplayground.device.Backend;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.problem.GpuComparison;
import dev.kernelplayground.problem.MatmulProblem;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.run.KernelCase;
import dev.kernelplayground.threads.BlockGrid;
import dev.kernelplayground.tour.TiledMatmul;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark matrix on a GPU runs rows of hundreds of megabytes each (a 4096² matmul's inputs and float64
 * reference): a finished row must keep none of its problem, or the heap fills and the later rows are refused
 * (seen on an H200: every row after the 4096³ GEMMs was refused for memory, then the report died of
 * OutOfMemoryError). Runs without a GPU, through the recovery test's fake session.
 */
class MatrixMemoryTest {
  private static final ExecutionTarget FAKE_GPU = new ExecutionTarget(Backend.CUDA, "fake GPU", true);

  /** A correct matmul on {@code p}, run on the CPU and reported as run on the fake GPU in 1 ms. */
  private static KernelCase matmul(MatmulProblem p) {
    TimedLaunch timed = out -> {
      TiledMatmul.run(BlockGrid.shared(), p.a(), p.b(), out, p.m(), p.n(), p.k());
      return new TimedLaunch.Sample(FAKE_GPU, 1e-3);
    };
    return new KernelCase("matmul/01_naive", p, out -> timed.run(out).target(), timed, 1, Precision.FP32);
  }

  @Test
  void aFinishedRowKeepsNeitherItsInputsNorItsReference() throws InterruptedException {
    long seed = RandomInputs.newSeed();
    int m = 37 + (int) Math.floorMod(seed, 20), n = 29, k = 23;
    List<WeakReference<MatmulProblem>> problems = new ArrayList<>();
    MatrixEntry entry = MatrixEntry.of("matmul/01_naive", GpuComparison.CUBLAS_SGEMM, List.of(new int[] {m, n, k}),
        (s, size, rowSeed) -> {
          MatmulProblem p = MatmulProblem.random(m, n, k, rowSeed);
          p.expected(); // the reference is computed and cached by the problem, as a check does
          problems.add(new WeakReference<>(p));
          return matmul(p);
        });

    List<MatrixRow> rows = BenchmarkMatrix.run(new FaultRecoveryTest.FakeTarget(), List.of(entry, entry),
        new BenchConfig(1, 2), new PrintStream(new ByteArrayOutputStream(), true));

    assertTrue(rows.stream().allMatch(MatrixRow::passed), "seed " + seed + ": " + rows);
    assertEquals(2, problems.size());
    for (int attempt = 0; attempt < 20 && problems.stream().anyMatch(r -> r.get() != null); attempt++) {
      System.gc();
      Thread.sleep(10);
    }
    assertTrue(problems.stream().allMatch(r -> r.get() == null),
        "seed " + seed + ": a matrix row still holds its problem (inputs and float64 reference) after the run");
    assertEquals(Precision.FP32, rows.get(0).trial().precision(), "the report still knows the row's precision");
  }

  @Test
  void aRowThatRunsOutOfHeapIsRecordedAndTheNextRowRuns() {
    MatrixEntry hungry = MatrixEntry.of("softmax/01_naive", GpuComparison.CUBLAS_SGEMM, List.of(new int[] {8192, 8192}),
        (s, size, seed) -> {
          throw new OutOfMemoryError("Java heap space");
        });
    MatrixEntry fine = MatrixEntry.of("matmul/01_naive", GpuComparison.CUBLAS_SGEMM, List.of(new int[] {40, 30, 20}),
        (s, size, seed) -> matmul(MatmulProblem.random(40, 30, 20, seed)));
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    List<MatrixRow> rows = BenchmarkMatrix.run(new FaultRecoveryTest.FakeTarget(), List.of(hungry, fine),
        new BenchConfig(1, 2), new PrintStream(progress, true));

    assertEquals("OutOfMemoryError: Java heap space", rows.get(0).error());
    assertTrue(rows.get(1).passed(), rows.get(1).toString());
    assertContains(progress.toString(), "softmax/01_naive 8192×8192: ERROR OutOfMemoryError: Java heap space");
  }
}
