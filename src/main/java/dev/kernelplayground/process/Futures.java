package dev.kernelplayground.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Collecting the results of work handed to a pool or a thread of its own. */
public final class Futures {
  private Futures() {}

  /** Waits for each future in turn: the results in the order the work was submitted, whatever order it ends in. */
  public static <T> List<T> inOrder(List<Future<T>> futures) throws InterruptedException, ExecutionException {
    List<T> results = new ArrayList<>(futures.size());
    for (Future<T> f : futures) {
      results.add(f.get());
    }
    return results;
  }

  /**
   * Waits for the future and gives its result; what its work threw is thrown here as it was: an unchecked
   * exception or an error unchanged, an I/O error as {@link UncheckedIOException}, anything else wrapped.
   */
  public static <T> T await(Future<T> future) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case RuntimeException r -> throw r;
        case Error err -> throw err;
        case IOException io -> throw new UncheckedIOException(io);
        default -> throw new IllegalStateException(e.getCause());
      }
    }
  }
}
