package dev.kernelplayground.process;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Collecting the results of work handed to a pool. */
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
}
