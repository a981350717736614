package dev.kernelplayground.jcuda;

import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.JCudaDriver;

/**
 * Times GPU work with two CUDA events recorded around it on the default stream: the GPU's own clock, so
 * neither the launch overhead on the host nor the copies before and after count. Resolution is about half
 * a microsecond.
 */
public final class EventTimer {
  private final CudaContext context;
  private final CUevent start = new CUevent();
  private final CUevent stop = new CUevent();
  private boolean destroyed;

  EventTimer(CudaContext context) {
    this.context = context;
    CudaFailure.check(JCudaDriver.cuEventCreate(start, CUevent_flags.CU_EVENT_DEFAULT), "cuEventCreate");
    CudaFailure.check(JCudaDriver.cuEventCreate(stop, CUevent_flags.CU_EVENT_DEFAULT), "cuEventCreate");
  }

  /** Seconds the GPU spent on the work {@code launch} enqueues; waits for it to finish. */
  public double seconds(String what, Runnable launch) {
    context.makeCurrent();
    CudaFailure.check(JCudaDriver.cuEventRecord(start, null), "cuEventRecord");
    launch.run();
    CudaFailure.check(JCudaDriver.cuEventRecord(stop, null), "cuEventRecord");
    context.synchronize(what);
    float[] ms = new float[1];
    CudaFailure.check(JCudaDriver.cuEventElapsedTime(ms, start, stop), "cuEventElapsedTime");
    return ms[0] * 1e-3;
  }

  void destroy() {
    if (!destroyed) {
      destroyed = true;
      JCudaDriver.cuEventDestroy(start);
      JCudaDriver.cuEventDestroy(stop);
    }
  }
}
