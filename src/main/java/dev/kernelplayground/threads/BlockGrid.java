package dev.kernelplayground.threads;

import dev.kernelplayground.device.ExecutionTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a kernel written in plain Java the way a GPU runs a grid: the kernel body is called once per block
 * (blockX, blockY), and the blocks are shared out over a fixed pool of Java threads, one per CPU core.
 * Inside a block the body loops over its "threads" itself. The pool is the {@code java} backend.
 */
public final class BlockGrid {
  /** The body of a kernel: computes the outputs that belong to one block of the grid. */
  @FunctionalInterface
  public interface BlockBody {
    void run(int blockX, int blockY);
  }

  /** How long a launch may run before it is declared endless. */
  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofMinutes(2);

  /** Declared after the time limit it uses. */
  private static final BlockGrid SHARED = new BlockGrid(Runtime.getRuntime().availableProcessors());

  private final int threads;
  private final Duration timeLimit;
  private ExecutorService pool;

  public BlockGrid(int threads) {
    this(threads, DEFAULT_TIME_LIMIT);
  }

  public BlockGrid(int threads, Duration timeLimit) {
    if (threads < 1) {
      throw new IllegalArgumentException("a block grid needs at least one thread, got " + threads);
    }
    this.threads = threads;
    this.timeLimit = timeLimit;
    this.pool = newPool(threads);
  }

  private static ExecutorService newPool(int threads) {
    return Executors.newFixedThreadPool(
            threads,
            runnable -> {
              Thread t = new Thread(runnable, "kp-block-grid");
              t.setDaemon(true);
              return t;
            });
  }

  /** The pool with one thread per available processor. */
  public static BlockGrid shared() {
    return SHARED;
  }

  public int threads() {
    return threads;
  }

  public ExecutionTarget target() {
    return ExecutionTarget.javaThreads(threads);
  }

  /** A 1-D grid of {@code blocks} blocks. */
  public ExecutionTarget launch(int blocks, BlockBody body) {
    return launch(blocks, 1, body);
  }

  /**
   * Runs {@code body} for every block of a gridX × gridY grid and waits for all of them. An exception in
   * the kernel is rethrown as a {@link KernelFailure} naming the first block that failed. A launch still
   * running after the time limit is abandoned with a {@link KernelTimeout}: Java cannot stop a thread
   * stuck in a loop, so its threads are left behind and later launches get a fresh pool.
   */
  public synchronized ExecutionTarget launch(int gridX, int gridY, BlockBody body) {
    if (gridX < 1 || gridY < 1) {
      throw new IllegalArgumentException(
          "a grid needs at least one block a side, got " + gridX + " × " + gridY);
    }
    long total = (long) gridX * gridY;
    AtomicInteger next = new AtomicInteger();
    AtomicReference<KernelFailure> failure = new AtomicReference<>();
    Runnable worker =
        () -> {
          int block;
          while (failure.get() == null && (block = next.getAndIncrement()) < total) {
            int bx = block % gridX;
            int by = block / gridX;
            try {
              body.run(bx, by);
            } catch (RuntimeException | Error e) {
              failure.compareAndSet(null, new KernelFailure(bx, by, e));
            }
          }
        };
    int workers = (int) Math.min(threads, total);
    List<Future<?>> running = new ArrayList<>(workers);
    for (int i = 0; i < workers; i++) {
      running.add(pool.submit(worker));
    }
    long deadline = System.nanoTime() + timeLimit.toNanos();
    for (Future<?> f : running) {
      try {
        f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        failure.compareAndSet(null, new KernelFailure(-1, -1, e)); // no new blocks start
        running.forEach(r -> r.cancel(true));
        pool.shutdownNow();
        pool = newPool(threads);
        throw new KernelTimeout(timeLimit, Math.min(next.get(), total), total);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the kernel ran", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("the block grid's worker failed", e.getCause());
      }
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return target();
  }
}
