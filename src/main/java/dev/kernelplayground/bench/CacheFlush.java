package dev.kernelplayground.bench;

/**
 * Evicts the device's last-level cache before a timed repeat, so the kernel reads its inputs from memory
 * as it would in a real pipeline, not from a warm L2 (72 MB on an RTX 4090 holds whole lesson-sized
 * matrices). GPU backends implement it by writing a buffer larger than L2; CPU backends use {@link #NONE}.
 */
@FunctionalInterface
public interface CacheFlush {
  CacheFlush NONE = () -> {};

  void flush();
}
