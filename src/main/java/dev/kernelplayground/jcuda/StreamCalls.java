package dev.kernelplayground.jcuda;

import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.JCudaDriver;

/**
 * The driver calls a timed repeat makes, all on the default stream and so in stream order: the L2 flush's
 * fill and the hold after it, the two event records around the work, the one wait at the end, the elapsed
 * time. Kept in one place so the sequencing — no host synchronize between the flush and the start event, the
 * hold between them — is tested with a fake that records the calls ({@code TimingSequenceTest}), on machines
 * without a GPU too.
 */
interface StreamCalls {
  /** Enqueues filling {@code bytes} bytes at {@code pointer} with {@code value}; does not wait. */
  void fill(CUdeviceptr pointer, byte value, long bytes, String what);

  /** Enqueues the {@link HoldKernel}, which keeps the GPU busy for its time; does not wait. */
  void hold();

  /** Enqueues recording {@code event}; does not wait. */
  void record(CUevent event);

  /** Waits for everything enqueued; a fault of the work is reported here, naming {@code after}. */
  void synchronize(String after);

  /** Milliseconds between two recorded (and completed) events. */
  float elapsedMs(CUevent start, CUevent stop);

  /** The real calls, each made with {@code context} current. */
  static StreamCalls of(CudaContext context) {
    return new StreamCalls() {
      private HoldKernel hold; // loaded at the first hold: an event timer never needs it

      @Override
      public void fill(CUdeviceptr pointer, byte value, long bytes, String what) {
        context.makeCurrent();
        // the Async form on the default stream: cuMemsetD8 may wait for the host, which would put the
        // launch overhead of the timed work back into the measured interval
        CudaFailure.check(JCudaDriver.cuMemsetD8Async(pointer, value, bytes, null), what);
      }

      @Override
      public void hold() {
        if (hold == null) {
          hold = new HoldKernel(context, HoldKernel.NANOSECONDS);
        }
        hold.enqueue();
      }

      @Override
      public void record(CUevent event) {
        context.makeCurrent();
        CudaFailure.check(JCudaDriver.cuEventRecord(event, null), "cuEventRecord");
      }

      @Override
      public void synchronize(String after) {
        context.synchronize(after);
      }

      @Override
      public float elapsedMs(CUevent start, CUevent stop) {
        float[] ms = new float[1];
        CudaFailure.check(JCudaDriver.cuEventElapsedTime(ms, start, stop), "cuEventElapsedTime");
        return ms[0];
      }
    };
  }
}
