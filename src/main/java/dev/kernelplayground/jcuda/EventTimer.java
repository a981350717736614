package dev.kernelplayground.jcuda;

import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.JCudaDriver;

/**
 * Times GPU work with two CUDA events recorded around it on the default stream: the GPU's own clock, so
 * neither the launch overhead on the host nor the copies before and after count. Nothing waits between
 * what was enqueued before (the L2 flush) and the start event: the host waits once, after the stop event.
 * Resolution is about half a microsecond.
 */
public final class EventTimer {
  private final StreamCalls calls;
  private final CUevent start;
  private final CUevent stop;
  private boolean destroyed;

  EventTimer(CudaContext context) {
    this(StreamCalls.of(context), new CUevent(), new CUevent());
    CudaFailure.check(JCudaDriver.cuEventCreate(start, CUevent_flags.CU_EVENT_DEFAULT), "cuEventCreate");
    CudaFailure.check(JCudaDriver.cuEventCreate(stop, CUevent_flags.CU_EVENT_DEFAULT), "cuEventCreate");
  }

  EventTimer(StreamCalls calls, CUevent start, CUevent stop) {
    this.calls = calls;
    this.start = start;
    this.stop = stop;
  }

  /** Seconds the GPU spent on the work {@code launch} enqueues; waits for it to finish. */
  public double seconds(String what, Runnable launch) {
    calls.record(start);
    launch.run();
    calls.record(stop);
    calls.synchronize(what);
    return calls.elapsedMs(start, stop) * 1e-3;
  }

  void destroy() {
    if (!destroyed) {
      destroyed = true;
      JCudaDriver.cuEventDestroy(start);
      JCudaDriver.cuEventDestroy(stop);
    }
  }
}
