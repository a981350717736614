package dev.kernelplayground.reference;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Splits an index range {@code [0, count)} into chunks and runs them on the calling thread together with a
 * small private pool of daemon helper threads (one fewer than the available processors).
 *
 * <p>Chunks are claimed from a shared counter, and the caller claims chunks too, so a call always finishes
 * even when no helper ever gets to run: it cannot deadlock when called from a {@code ForkJoinPool} task, from
 * a helper of this pool, or from many threads at once. The caller waits only for chunks a running thread has
 * already claimed.
 */
final class Parallel {
  /** The body of a parallel loop: handles indices {@code [start, end)}. */
  @FunctionalInterface
  interface RangeBody {
    void run(int start, int end);
  }

  private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

  private static final ExecutorService HELPERS =
      THREADS == 1
          ? null
          : Executors.newFixedThreadPool(
              THREADS - 1, Thread.ofPlatform().daemon().name("kp-reference-", 1).factory());

  private Parallel() {}

  /** How many threads (caller included) a loop may use. */
  static int threads() {
    return THREADS;
  }

  /**
   * Runs {@code body} over {@code [0, count)} in chunks of {@code chunk} indices (the last may be shorter)
   * and returns once all are done. The first exception thrown by any chunk is rethrown here; chunks not yet
   * started when it happened are skipped.
   */
  static void forRange(int count, int chunk, RangeBody body) {
    if (chunk <= 0) {
      throw new IllegalArgumentException("chunk must be positive but is " + chunk);
    }
    if (count <= 0) {
      return;
    }
    int chunks = (int) ((count + (long) chunk - 1) / chunk);
    if (chunks == 1 || HELPERS == null) {
      body.run(0, count);
      return;
    }
    Job job = new Job(count, chunk, chunks, body);
    for (int h = Math.min(THREADS - 1, chunks - 1); h > 0; h--) {
      HELPERS.execute(job::work);
    }
    job.work();
    job.awaitDone();
    job.rethrowFailure();
  }

  private static final class Job {
    private final int count;
    private final int chunk;
    private final int chunks;
    private final RangeBody body;
    private final AtomicInteger nextChunk = new AtomicInteger();
    private final CountDownLatch done;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Job(int count, int chunk, int chunks, RangeBody body) {
      this.count = count;
      this.chunk = chunk;
      this.chunks = chunks;
      this.body = body;
      this.done = new CountDownLatch(chunks);
    }

    void work() {
      for (int c = nextChunk.getAndIncrement(); c < chunks; c = nextChunk.getAndIncrement()) {
        try {
          if (failure.get() == null) {
            int start = (int) ((long) c * chunk);
            body.run(start, (int) Math.min(count, (long) start + chunk));
          }
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        } finally {
          done.countDown();
        }
      }
    }

    void awaitDone() {
      boolean interrupted = false;
      while (true) {
        try {
          done.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the claimed chunks are running and will finish; keep waiting for them
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    void rethrowFailure() {
      Throwable t = failure.get();
      if (t instanceof RuntimeException e) {
        throw e;
      }
      if (t instanceof Error e) {
        throw e;
      }
      if (t != null) {
        throw new IllegalStateException(t);
      }
    }
  }
}
