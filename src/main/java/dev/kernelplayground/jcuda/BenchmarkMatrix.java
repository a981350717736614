package dev.kernelplayground.jcuda;

import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.bench.CacheFlush;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.run.KernelCase;
import dev.kernelplayground.run.Trial;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jcuda.driver.CUresult;

/**
 * Runs every entry at every size through {@code run.Trial} on one GPU: checked against the float64
 * reference, timed with CUDA events and the L2 flushed before each repeat, re-checked. One failing kernel
 * or size is recorded and the rest still run. Each size's device buffers are freed before the next. A kernel
 * that faults (an illegal address, a trap: errors that leave the context unusable) is recorded with its name
 * and the error, then the GPU is reset and the session rebuilt ({@link GpuSession#recover}), so the next
 * row runs on a clean context.
 */
public final class BenchmarkMatrix {
  private BenchmarkMatrix() {}

  /** What the matrix needs of a session; {@link GpuSession} in a real run, a fake in the recovery tests. */
  interface Target {
    KernelCase create(MatrixEntry entry, int[] size, long seed);

    CacheFlush flush();

    int mark();

    void releaseTo(int mark);

    /** Resets the GPU after a fault that left the context unusable, and rebuilds what the rows share. */
    void recover();
  }

  public static List<MatrixRow> run(
      GpuSession session, List<MatrixEntry> entries, BenchConfig bench, PrintStream progress) {
    return run(new Target() {
      @Override
      public KernelCase create(MatrixEntry entry, int[] size, long seed) {
        return entry.factory().create(session, size, seed);
      }

      @Override
      public CacheFlush flush() {
        return session.flush();
      }

      @Override
      public int mark() {
        return session.context().mark();
      }

      @Override
      public void releaseTo(int mark) {
        session.context().releaseTo(mark);
      }

      @Override
      public void recover() {
        session.recover();
      }
    }, entries, bench, progress);
  }

  static List<MatrixRow> run(Target target, List<MatrixEntry> entries, BenchConfig bench, PrintStream progress) {
    List<MatrixRow> rows = new ArrayList<>();
    String lost = null; // why the GPU cannot run anything any more (a reset that failed)
    for (MatrixEntry entry : entries) {
      for (int[] size : entry.sizes()) {
        long seed = RandomInputs.newSeed();
        MatrixRow row;
        if (lost != null) {
          row = MatrixRow.stopped(entry, size, seed, "not run: " + lost);
        } else {
          int mark = target.mark();
          CudaFailure fault = null;
          try {
            row = MatrixRow.ran(entry, size, seed, Trial.run(target.create(entry, size, seed), bench, target.flush()));
          } catch (RuntimeException | OutOfMemoryError e) {
            // out of heap in one row (its arrays are unreachable once it is recorded) must not end the report
            fault = stickyFault(e);
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            row = MatrixRow.stopped(entry, size, seed,
                fault == null ? error : entry.kernel() + " faulted: " + error);
          } finally {
            target.releaseTo(mark);
          }
          if (fault != null) {
            progress.println(progressLine(row));
            progress.println("resetting the GPU after " + entry.kernel() + "'s fault ("
                + CUresult.stringFor(fault.code()) + ") and rebuilding the session...");
            try {
              target.recover();
            } catch (RuntimeException e) {
              lost = "the GPU reset after " + entry.kernel() + "'s fault failed: " + e.getMessage();
              progress.println(lost + "; the remaining rows are not run");
            }
            rows.add(row);
            continue;
          }
        }
        rows.add(row);
        progress.println(progressLine(row));
      }
    }
    return rows;
  }

  /**
   * The driver errors after which the context is unusable until it is reset: every later call returns the
   * same error ("sticky" errors in the CUDA programming guide).
   */
  static boolean sticky(int code) {
    return switch (code) {
      case CUresult.CUDA_ERROR_ILLEGAL_ADDRESS, CUresult.CUDA_ERROR_LAUNCH_TIMEOUT, CUresult.CUDA_ERROR_ASSERT,
          CUresult.CUDA_ERROR_HARDWARE_STACK_ERROR, CUresult.CUDA_ERROR_ILLEGAL_INSTRUCTION,
          CUresult.CUDA_ERROR_MISALIGNED_ADDRESS, CUresult.CUDA_ERROR_INVALID_ADDRESS_SPACE,
          CUresult.CUDA_ERROR_INVALID_PC, CUresult.CUDA_ERROR_LAUNCH_FAILED,
          CUresult.CUDA_ERROR_ECC_UNCORRECTABLE -> true;
      default -> false;
    };
  }

  /** The sticky {@link CudaFailure} in {@code e}'s causes, or null. */
  private static CudaFailure stickyFault(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CudaFailure f && sticky(f.code())) {
        return f;
      }
    }
    return null;
  }

  private static String progressLine(MatrixRow row) {
    String what = row.entry().kernel() + " " + row.sizeLabel() + ": ";
    if (row.error() != null) {
      return what + "ERROR " + row.error().lines().findFirst().orElse("");
    }
    if (!row.trial().passed()) {
      return what + "WRONG (seed " + row.seed() + ")";
    }
    return what + String.format(Locale.ROOT, "ok, %.3f ms", row.medianSeconds() * 1e3);
  }
}
