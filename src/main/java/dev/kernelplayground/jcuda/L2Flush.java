package dev.kernelplayground.jcuda;

import dev.kernelplayground.bench.CacheFlush;
import dev.kernelplayground.cudasource.ElementType;
import jcuda.driver.CUdeviceptr;

/**
 * Evicts the GPU's L2 before a timed repeat by writing a buffer of twice its size (at least 64 MiB), as
 * karpathy/llm.c's benchmark loop does: afterwards L2 holds only the flush buffer's lines, so the kernel
 * reads its inputs from DRAM. The fill is only enqueued on the default stream, not waited for, and the
 * {@link HoldKernel} follows it: the start event recorded next completes when both have, so neither is part
 * of the timing, and the GPU is still busy with them while the host records the event and enqueues the work —
 * so the host's time is not timed either (an idle GPU would complete the start event at once and then wait
 * for the work).
 */
public final class L2Flush implements CacheFlush {
  static final long MIN_BYTES = 64L << 20;

  private final StreamCalls calls;
  private final CUdeviceptr pointer;
  private final long bytes;
  private byte value;

  public L2Flush(CudaContext context) {
    this(StreamCalls.of(context),
        context.allocate("L2 flush", ElementType.FLOAT, bytesFor(context.device().l2Bytes()) / 4));
  }

  private L2Flush(StreamCalls calls, DeviceBuffer buffer) {
    this(calls, buffer.pointer(), buffer.bytes());
  }

  L2Flush(StreamCalls calls, CUdeviceptr pointer, long bytes) {
    this.calls = calls;
    this.pointer = pointer;
    this.bytes = bytes;
  }

  /** Flush-buffer size for an L2 of {@code l2Bytes}: 2 × L2, at least 64 MiB, a multiple of 4 bytes. */
  static long bytesFor(long l2Bytes) {
    long bytes = Math.max(2 * l2Bytes, MIN_BYTES);
    return (bytes + 3) / 4 * 4;
  }

  public long bytes() {
    return bytes;
  }

  @Override
  public void flush() {
    // a different value each time, so no write is skipped as unchanged; enqueued, not waited for
    calls.fill(pointer, value++, bytes, "flushing L2");
    calls.hold();
  }
}
