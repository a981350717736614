package dev.kernelplayground.aparapi;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.JavaDevice;
import com.aparapi.exception.AparapiBrokenBarrierException;
import com.aparapi.exception.AparapiKernelFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a kernel on Java threads the way a GPU runs a work-group: one thread per work-item of the group, all
 * started at once, meeting at {@code localBarrier()}; the groups one after another through the same local
 * arrays, with a barrier between two groups so that no thread writes the next group's local data while
 * another still reads this group's. The threads end with the run.
 *
 * <p>This replaces Aparapi's own thread-pool execution, which hung the test suite: its barrier lets a
 * thread through on a wake-up from nowhere (a 256-item scan was seen with 254 items at one barrier and one
 * at the barrier before it, forever); it relies on a fork-join pool as wide as the machine adding threads as
 * tasks block, and never shuts that pool down (7,867 idle threads at once in the JVM running the lesson
 * kernels' tests); and it runs a group's reads of local memory into the next group's writes.
 */
final class JavaWorkGroups {
  private JavaWorkGroups() {}

  /** Runs {@code kernel} over {@code grid}; a work-item's exception ends the run and is thrown here. */
  static void run(Kernel kernel, Grid grid) {
    Range range = grid.toRange(JavaDevice.THREAD_POOL);
    int items = grid.localX() * grid.localY();
    int groupsX = grid.globalX() / grid.localX();
    int groups = groupsX * (grid.globalY() / grid.localY());
    String name = kernel.getClass().getName();
    WorkGroupBarrier barrier = new WorkGroupBarrier(items, name);
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>(items);
    for (int item = 0; item < items; item++) {
      Kernel copy = kernel.clone(); // shares the arrays, local ones included; has its own ids
      Kernel.KernelState state = copy.getKernelState();
      state.setRange(range);
      state.setPassId(0);
      state.setLocalBarrier(barrier);
      int x = item % grid.localX();
      int y = item / grid.localX();
      threads.add(Thread.ofPlatform().daemon().name("kp-work-item-" + item).unstarted(() -> {
        int group = 0;
        try {
          for (; group < groups; group++) {
            int gx = group % groupsX;
            int gy = group / groupsX;
            state.setGroupId(0, gx);
            state.setGroupId(1, gy);
            state.setLocalId(0, x);
            state.setLocalId(1, y);
            state.setGlobalId(0, gx * grid.localX() + x);
            state.setGlobalId(1, gy * grid.localY() + y);
            copy.run();
            barrier.endOfGroup();
          }
        } catch (AparapiBrokenBarrierException otherFailedFirst) {
          // reported by the work-item that failed, or as the barrier's divergence below
        } catch (InterruptedException stopped) {
          barrier.breakBarrier(stopped);
        } catch (RuntimeException | Error e) {
          int gx = group % groupsX;
          int gy = group / groupsX;
          failure.compareAndSet(null, new AparapiKernelFailedException(
              name + ": work-item (" + x + ", " + y + ") of work-group (" + gx + ", " + gy + "), global id ("
                  + (gx * grid.localX() + x) + ", " + (gy * grid.localY() + y) + "), failed: " + e, e));
          barrier.breakBarrier(e);
        }
      }));
    }
    threads.forEach(Thread::start);
    joinAll(threads, barrier);
    if (failure.get() != null) {
      throw failure.get();
    }
    if (barrier.divergence() != null) {
      throw barrier.divergence();
    }
  }

  /** Waits for every thread; if the caller is interrupted (a stopped cell), stops them first. */
  private static void joinAll(List<Thread> threads, WorkGroupBarrier barrier) {
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        barrier.breakBarrier(e);
        threads.forEach(Thread::interrupt);
        Thread.currentThread().interrupt();
        throw new IllegalStateException("stopped while the kernel ran on the Java thread pool", e);
      }
    }
  }
}
