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
 * Runs a kernel on Java threads the way a GPU runs a work-group: one virtual thread per work-item of the
 * group, all started at once, meeting at {@code localBarrier()}. A barrier parks them, so a 1,024-item group
 * needs no 1,024 OS threads, and a kernel without barriers runs on as many OS threads as there are cores.
 * Each thread goes through the groups one after another; a kernel with {@code @Local} arrays (which all
 * groups share here) waits at the end of each group, so that no thread writes the next group's local data
 * while another still reads this group's. Every thread meets the others once more at the end, where a
 * barrier that not every work-item reached shows. The threads end with the run.
 *
 * <p>This replaces Aparapi's own thread-pool execution, which hung the test suite: its barrier waits once
 * instead of in a loop over a generation, so a thread can be let through early (a 256-item scan was seen
 * with 254 items at one barrier and one at the barrier before it, forever); it relies on a fork-join pool
 * as wide as the machine adding threads as tasks block, and never shuts that pool down (7,867 idle threads
 * at once in the JVM running the lesson kernels' tests); and it runs a group's reads of local memory into
 * the next group's writes.
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
    boolean sharesLocalMemory = LocalMemory.bytes(kernel) > 0;
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
      threads.add(Thread.ofVirtual().name("kp-work-item-" + item).unstarted(() -> {
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
            if (sharesLocalMemory || group == groups - 1) { // the last one: a barrier not all reach is caught
              barrier.endOfGroup();
            }
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
