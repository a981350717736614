package dev.kernelplayground.jcuda;

import dev.kernelplayground.bench.CacheFlush;
import dev.kernelplayground.cudasource.ElementType;

/**
 * Evicts the GPU's L2 before a timed repeat by writing a buffer of twice its size (at least 64 MiB), as
 * karpathy/llm.c's benchmark loop does: afterwards L2 holds only the flush buffer's lines, so the kernel
 * reads its inputs from DRAM. The write finishes before the timed launch starts (it is waited for), so it
 * is not part of the timing.
 */
public final class L2Flush implements CacheFlush {
  static final long MIN_BYTES = 64L << 20;

  private final CudaContext context;
  private final DeviceBuffer buffer;
  private byte value;

  public L2Flush(CudaContext context) {
    this.context = context;
    this.buffer = context.allocate("L2 flush", ElementType.FLOAT, bytesFor(context.device().l2Bytes()) / 4);
  }

  /** Flush-buffer size for an L2 of {@code l2Bytes}: 2 × L2, at least 64 MiB, a multiple of 4 bytes. */
  static long bytesFor(long l2Bytes) {
    long bytes = Math.max(2 * l2Bytes, MIN_BYTES);
    return (bytes + 3) / 4 * 4;
  }

  public long bytes() {
    return buffer.bytes();
  }

  @Override
  public void flush() {
    buffer.fillBytes(value++); // a different value each time, so no write is skipped as unchanged
    context.synchronize("flushing L2");
  }
}
