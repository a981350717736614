package dev.kernelplayground.jcuda;

import static dev.kernelplayground.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.bench.CacheFlush;
import dev.kernelplayground.bench.TimedLaunch;
import dev.kernelplayground.device.Backend;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.problem.GpuComparison;
import dev.kernelplayground.problem.MatmulProblem;
import dev.kernelplayground.run.KernelCase;
import dev.kernelplayground.threads.BlockGrid;
import dev.kernelplayground.tour.TiledMatmul;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUresult;
import org.junit.jupiter.api.Test;

/**
 * A kernel that faults in the benchmark matrix: its row names it and the driver's error, the GPU is reset and
 * the session rebuilt, and the next row runs. The session is a fake that records the calls; runs without a GPU.
 */
class FaultRecoveryTest {
  private static final ExecutionTarget FAKE_GPU = new ExecutionTarget(Backend.CUDA, "fake GPU", true);
  private static final int[] SIZE = {40, 30, 20};

  /** Records mark / release / create / recover; the flush does nothing. */
  static final class FakeTarget implements BenchmarkMatrix.Target {
    final List<String> log = new ArrayList<>();
    RuntimeException recoverFails;

    @Override
    public KernelCase create(MatrixEntry entry, int[] size, long seed) {
      log.add("create " + entry.kernel());
      return entry.factory().create(null, size, seed);
    }

    @Override
    public CacheFlush flush() {
      return CacheFlush.NONE;
    }

    @Override
    public int mark() {
      log.add("mark");
      return 0;
    }

    @Override
    public void releaseTo(int mark) {
      log.add("release");
    }

    @Override
    public void recover() {
      log.add("recover");
      if (recoverFails != null) {
        throw recoverFails;
      }
    }
  }

  private static MatrixEntry good(String kernel) {
    return MatrixEntry.of(kernel, GpuComparison.CUBLAS_SGEMM, List.of(SIZE), (s, size, seed) -> {
      MatmulProblem p = MatmulProblem.random(40, 30, 20, seed);
      return new KernelCase(kernel, p,
          out -> {
            TiledMatmul.run(BlockGrid.shared(), p.a(), p.b(), out, 40, 30, 20);
            return FAKE_GPU;
          },
          out -> {
            TiledMatmul.run(BlockGrid.shared(), p.a(), p.b(), out, 40, 30, 20);
            return new TimedLaunch.Sample(FAKE_GPU, 1e-3);
          },
          1, Precision.FP32);
    });
  }

  /** A kernel whose checked run fails as a faulting kernel does: at the synchronize after it. */
  private static MatrixEntry faulting(String kernel, int code) {
    return MatrixEntry.of(kernel, GpuComparison.CUBLAS_SGEMM, List.of(SIZE), (s, size, seed) -> {
      MatmulProblem p = MatmulProblem.random(40, 30, 20, seed);
      return new KernelCase(kernel, p,
          out -> {
            throw new CudaFailure(kernel + " failed on the GPU: " + CUresult.stringFor(code), code);
          },
          out -> fail("a faulted kernel is not timed"),
          1, Precision.FP32);
    });
  }

  @Test
  void aFaultingKernelIsNamedWithItsErrorTheGpuIsResetAndTheNextRowRuns() {
    FakeTarget target = new FakeTarget();
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    List<MatrixRow> rows = BenchmarkMatrix.run(target,
        List.of(faulting("matmul/99_oob", CUresult.CUDA_ERROR_ILLEGAL_ADDRESS), good("matmul/01_naive")),
        new BenchConfig(1, 2), new PrintStream(progress, true));

    assertEquals(List.of("mark", "create matmul/99_oob", "release", "recover",
        "mark", "create matmul/01_naive", "release"), target.log);
    assertEquals(2, rows.size());
    assertNull(rows.get(0).trial());
    assertContains(rows.get(0).error(), "matmul/99_oob faulted: CudaFailure: matmul/99_oob failed on the GPU: "
        + "CUDA_ERROR_ILLEGAL_ADDRESS");
    assertNull(rows.get(1).error());
    assertTrue(rows.get(1).trial().passed(), rows.get(1).trial().toString());
    String text = progress.toString();
    assertContains(text, "resetting the GPU after matmul/99_oob's fault (CUDA_ERROR_ILLEGAL_ADDRESS)");
    assertContains(text, "matmul/01_naive 40×30×20: ok");
  }

  @Test
  void anErrorThatLeavesTheContextUsableDoesNotResetIt() {
    FakeTarget target = new FakeTarget();
    List<MatrixRow> rows = BenchmarkMatrix.run(target,
        List.of(faulting("matmul/98_bad_launch", CUresult.CUDA_ERROR_INVALID_VALUE), good("matmul/01_naive")),
        new BenchConfig(1, 2), new PrintStream(new ByteArrayOutputStream(), true));

    assertFalse(target.log.contains("recover"), target.log.toString());
    assertContains(rows.get(0).error(), "CudaFailure: matmul/98_bad_launch failed on the GPU: CUDA_ERROR_INVALID_VALUE");
    assertFalse(rows.get(0).error().contains("faulted"), rows.get(0).error());
    assertTrue(rows.get(1).trial().passed());
  }

  @Test
  void whenTheResetFailsTheRemainingRowsSaySoAndDoNotRun() {
    FakeTarget target = new FakeTarget();
    target.recoverFails = new CudaFailure("cuDevicePrimaryCtxReset failed: CUDA_ERROR_UNKNOWN", 999);
    List<MatrixRow> rows = BenchmarkMatrix.run(target,
        List.of(faulting("matmul/99_oob", CUresult.CUDA_ERROR_LAUNCH_FAILED), good("matmul/01_naive")),
        new BenchConfig(1, 2), new PrintStream(new ByteArrayOutputStream(), true));

    assertFalse(target.log.contains("create matmul/01_naive"), target.log.toString());
    assertEquals("not run: the GPU reset after matmul/99_oob's fault failed: cuDevicePrimaryCtxReset failed: "
        + "CUDA_ERROR_UNKNOWN", rows.get(1).error());
  }

  @Test
  void theStickyErrorsAreTheOnesThatPoisonTheContext() {
    assertTrue(BenchmarkMatrix.sticky(CUresult.CUDA_ERROR_ILLEGAL_ADDRESS));
    assertTrue(BenchmarkMatrix.sticky(CUresult.CUDA_ERROR_MISALIGNED_ADDRESS));
    assertTrue(BenchmarkMatrix.sticky(CUresult.CUDA_ERROR_LAUNCH_FAILED));
    assertFalse(BenchmarkMatrix.sticky(CUresult.CUDA_ERROR_OUT_OF_MEMORY));
    assertFalse(BenchmarkMatrix.sticky(CUresult.CUDA_ERROR_INVALID_VALUE));
  }
}
