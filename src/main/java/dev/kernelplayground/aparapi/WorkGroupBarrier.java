package dev.kernelplayground.aparapi;

import com.aparapi.exception.AparapiBrokenBarrierException;
import com.aparapi.internal.kernel.IKernelBarrier;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The barrier of one work-group's threads: {@code localBarrier()} in the kernel, and the end of a group.
 *
 * <p>Each release starts a new generation, and a thread leaves only when its own generation is released, so
 * a wake-up it was not sent cannot let a thread through early (Aparapi's own barrier waits once, with no
 * such guard: a thread let through early finishes one barrier ahead and the others wait forever). A generation in which some
 * threads finished the group while others wait in {@code localBarrier()} is a barrier that not every
 * work-item reaches: it is broken with a message saying so, instead of pairing barriers at random.
 */
final class WorkGroupBarrier implements IKernelBarrier {
  private final int parties;
  private final String kernel;
  private final ReentrantLock lock = new ReentrantLock(); // parks a virtual thread, never pins its carrier
  private final Condition released = lock.newCondition();
  private int arrived;
  private int ended;
  private long generation;
  private Throwable broken;
  private AparapiBrokenBarrierException divergence;
  private boolean cancelled;

  WorkGroupBarrier(int parties, String kernel) {
    this.parties = parties;
    this.kernel = kernel;
  }

  /** {@code localBarrier()} in the kernel. */
  @Override
  public boolean block() throws InterruptedException {
    await(false);
    return true;
  }

  /** A thread that finished its work-item of a group (of each group, or of the last). */
  void endOfGroup() throws InterruptedException {
    await(true);
  }

  private void await(boolean groupEnd) throws InterruptedException {
    lock.lock();
    try {
      awaitLocked(groupEnd);
    } finally {
      lock.unlock();
    }
  }

  private void awaitLocked(boolean groupEnd) throws InterruptedException {
    if (cancelled) {
      return;
    }
    throwIfBroken();
    long mine = generation;
    arrived++;
    if (groupEnd) {
      ended++;
    }
    if (arrived == parties) {
      if (ended > 0 && ended < parties) {
        divergence = new AparapiBrokenBarrierException(
            kernel + ": " + ended + " of the work-group's " + parties + " work-items finished while "
                + (parties - ended) + " wait at localBarrier(): a barrier that not every work-item of the group"
                + " reaches (inside an if, or a loop whose trip count differs between work-items) hangs a GPU");
        broken = divergence;
      }
      arrived = 0;
      ended = 0;
      generation++;
      released.signalAll();
      throwIfBroken();
      return;
    }
    try {
      while (mine == generation && broken == null && !cancelled) {
        released.await();
      }
    } catch (InterruptedException e) {
      if (mine == generation) { // not released: take this arrival back, the caller may come again
        arrived--;
        if (groupEnd) {
          ended--;
        }
        throw e;
      }
    }
    throwIfBroken();
  }

  private void throwIfBroken() {
    if (broken != null) {
      throw broken instanceof AparapiBrokenBarrierException b ? b : new AparapiBrokenBarrierException(broken);
    }
  }

  @Override
  public boolean isReleasable() {
    return false;
  }

  @Override
  public void cancelBarrier() {
    lock.lock();
    try {
      cancelled = true;
      released.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** A work-item failed: the others leave their barriers with an exception instead of waiting for it. */
  @Override
  public void breakBarrier(Throwable e) {
    lock.lock();
    try {
      if (broken == null) {
        broken = e;
      }
      released.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Why the barrier broke when not every work-item reached it, or null. */
  AparapiBrokenBarrierException divergence() {
    lock.lock();
    try {
      return divergence;
    } finally {
      lock.unlock();
    }
  }
}
