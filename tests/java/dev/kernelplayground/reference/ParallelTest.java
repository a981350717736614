package dev.kernelplayground.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {
  @Test
  void everyIndexRunsExactlyOnce() {
    for (int chunk : new int[] {1, 3, 7, 1000, 5000}) {
      AtomicIntegerArray hits = new AtomicIntegerArray(1001);
      Parallel.forRange(1001, chunk, (start, end) -> {
        for (int i = start; i < end; i++) {
          hits.incrementAndGet(i);
        }
      });
      for (int i = 0; i < 1001; i++) {
        assertEquals(1, hits.get(i), "chunk " + chunk + ", index " + i);
      }
    }
  }

  @Test
  void exceptionFromAChunkReachesTheCaller() {
    IllegalStateException boom = new IllegalStateException("boom");
    var thrown = assertThrows(IllegalStateException.class, () -> Parallel.forRange(100, 1, (start, end) -> {
      if (start == 57) {
        throw boom;
      }
    }));
    assertSame(boom, thrown);
  }

  @Test
  void nestedCallsAndCallsFromCommonPoolTasksDoNotDeadlock() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      List<ForkJoinTask<Long>> tasks = new ArrayList<>();
      for (int t = 0; t < 4 * ForkJoinPool.getCommonPoolParallelism() + 4; t++) {
        tasks.add(ForkJoinPool.commonPool().submit(() -> {
          long[] total = new long[64];
          Parallel.forRange(64, 1, (outer, outerEnd) -> {
            long[] inner = new long[1];
            Parallel.forRange(1000, 10, (s, e) -> {
              synchronized (inner) {
                inner[0] += e - s;
              }
            });
            total[outer] = inner[0];
          });
          long sum = 0;
          for (long x : total) {
            sum += x;
          }
          return sum;
        }));
      }
      for (ForkJoinTask<Long> task : tasks) {
        assertEquals(64_000L, task.join());
      }
    });
  }
}
