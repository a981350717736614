package dev.kernelplayground.ada;

/**
 * What one thread block of a kernel asks of an SM: its size and the registers and shared memory it uses — the
 * inputs of the occupancy calculator. Register and static shared-memory counts are what {@code ptxas -v} or
 * {@code cudaFuncGetAttributes} report; dynamic shared memory is the third {@code <<<...>>>} launch argument.
 *
 * @param threadsPerBlock threads in one block
 * @param registersPerThread registers per thread ({@code numRegs}); 0 for a kernel that uses none
 * @param staticSharedBytes {@code __shared__} arrays declared in the kernel
 * @param dynamicSharedBytes {@code extern __shared__} bytes requested at launch
 * @param sharedOptIn whether the kernel raised its limit with {@code cudaFuncSetAttribute(kernel,
 *     cudaFuncAttributeMaxDynamicSharedMemorySize, dynamicSharedBytes)}, allowing up to 99 KB per block on 8.9
 * @param carveoutPercent {@code cudaFuncAttributePreferredSharedMemoryCarveout}: percent of the maximum shared
 *     memory per SM the kernel prefers (0..100), or {@link #DEFAULT_CARVEOUT} for the driver's default
 */
public record LaunchConfig(
    int threadsPerBlock,
    int registersPerThread,
    int staticSharedBytes,
    int dynamicSharedBytes,
    boolean sharedOptIn,
    int carveoutPercent) {

  /** No carveout preference: the SM gets its maximum shared memory (100 KB on 8.9). */
  public static final int DEFAULT_CARVEOUT = -1;

  /**
   * @throws IllegalArgumentException for nonsense that no compiler or driver could produce: a block of zero or
   *     fewer threads, negative register or byte counts, or a carveout outside -1..100. Launches that are
   *     merely too big (too many threads, registers or bytes for the hardware) are accepted here and give a
   *     result of 0 blocks with the reason.
   */
  public LaunchConfig {
    if (threadsPerBlock <= 0) {
      throw new IllegalArgumentException("threads per block must be positive, got " + threadsPerBlock);
    }
    if (registersPerThread < 0) {
      throw new IllegalArgumentException("registers per thread must not be negative, got " + registersPerThread);
    }
    if (staticSharedBytes < 0 || dynamicSharedBytes < 0) {
      throw new IllegalArgumentException(
          "shared memory must not be negative, got static "
              + staticSharedBytes
              + " B and dynamic "
              + dynamicSharedBytes
              + " B");
    }
    if (carveoutPercent < DEFAULT_CARVEOUT || carveoutPercent > 100) {
      throw new IllegalArgumentException(
          "shared memory carveout must be a percentage 0..100 (or -1 for the default), got " + carveoutPercent);
    }
  }

  /** A block of {@code threads} threads using {@code registers} registers per thread and no shared memory. */
  public static LaunchConfig of(int threads, int registers) {
    return new LaunchConfig(threads, registers, 0, 0, false, DEFAULT_CARVEOUT);
  }

  /** Static plus dynamic shared memory the kernel itself asks for (without the driver's reserve). */
  public long sharedBytes() {
    return (long) staticSharedBytes + dynamicSharedBytes;
  }

  public LaunchConfig withThreads(int threads) {
    return new LaunchConfig(threads, registersPerThread, staticSharedBytes, dynamicSharedBytes, sharedOptIn, carveoutPercent);
  }

  public LaunchConfig withRegisters(int registers) {
    return new LaunchConfig(threadsPerBlock, registers, staticSharedBytes, dynamicSharedBytes, sharedOptIn, carveoutPercent);
  }

  public LaunchConfig withDynamicShared(int bytes) {
    return new LaunchConfig(threadsPerBlock, registersPerThread, staticSharedBytes, bytes, sharedOptIn, carveoutPercent);
  }

  public LaunchConfig withSharedOptIn(boolean optIn) {
    return new LaunchConfig(threadsPerBlock, registersPerThread, staticSharedBytes, dynamicSharedBytes, optIn, carveoutPercent);
  }
}
