package dev.kernelplayground.cudasource;

import java.util.Optional;

/**
 * A launch's shape for concrete sizes: the {@code <<<grid, block, dynamicSharedBytes>>>} of one kernel, within
 * CUDA's limits. The limits are written here once and checked here once ({@link #violation}); a LaunchDims that
 * exists is a launch CUDA accepts, so the backends (the emulator, the GPU) take it as it is.
 */
public record LaunchDims(
    int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ, int dynamicSharedBytes) {
  /** Blocks a grid may have along x, y, z: 2^31 − 1, 65535, 65535. */
  private static final long[] MAX_GRID = {Integer.MAX_VALUE, 65_535, 65_535};

  /** Threads a block may have along x, y, z: 1024, 1024, 64. */
  private static final long[] MAX_BLOCK = {1024, 1024, 64};

  /** Threads a block may have in all. */
  private static final long MAX_THREADS_PER_BLOCK = 1024;

  /** @throws IllegalArgumentException saying which of CUDA's limits the launch breaks */
  public LaunchDims {
    long[] grid = {gridX, gridY, gridZ};
    long[] block = {blockX, blockY, blockZ};
    Optional<Violation> broken = violation(grid, block);
    if (broken.isPresent()) {
      throw new IllegalArgumentException(broken.get().describe(grid, block));
    }
    if (dynamicSharedBytes < 0) {
      throw new IllegalArgumentException("dynamic shared memory cannot be negative, got " + dynamicSharedBytes);
    }
  }

  /** Which of CUDA's launch limits a grid and block break. */
  public enum Limit {
    /** A grid dimension below 1 or above {@link #MAX_GRID}. */
    GRID,
    /** A block dimension below 1 or above {@link #MAX_BLOCK}. */
    BLOCK,
    /** More than {@link #MAX_THREADS_PER_BLOCK} threads in a block. */
    THREADS
  }

  /**
   * The first of CUDA's limits a launch breaks.
   *
   * @param limit which
   * @param axis 0, 1, 2 for x, y, z (GRID and BLOCK); -1 for THREADS
   * @param value the offending number (the dimension, or the block's threads)
   * @param max what it may be at most
   */
  public record Violation(Limit limit, int axis, long value, long max) {
    /** E.g. "block (2048,1,1) is not a valid CUDA block: x and y at most 1024, z at most 64, at most 1024 threads in all". */
    String describe(long[] grid, long[] block) {
      return limit == Limit.GRID
          ? "grid (" + grid[0] + "," + grid[1] + "," + grid[2] + ") is not a valid CUDA grid: x up to 2^31-1, y and z up to "
              + MAX_GRID[1]
          : "block (" + block[0] + "," + block[1] + "," + block[2] + ") is not a valid CUDA block: x and y at most "
              + MAX_BLOCK[0] + ", z at most " + MAX_BLOCK[2] + ", at most " + MAX_THREADS_PER_BLOCK + " threads in all";
    }
  }

  /**
   * The first of CUDA's limits that {@code grid} and {@code block} (x, y, z each) break, axis by axis (grid x,
   * block x, grid y, ...) and then the block's threads; empty when the launch is valid.
   */
  public static Optional<Violation> violation(long[] grid, long[] block) {
    for (int i = 0; i < 3; i++) {
      if (grid[i] < 1 || grid[i] > MAX_GRID[i]) {
        return Optional.of(new Violation(Limit.GRID, i, grid[i], MAX_GRID[i]));
      }
      if (block[i] < 1 || block[i] > MAX_BLOCK[i]) {
        return Optional.of(new Violation(Limit.BLOCK, i, block[i], MAX_BLOCK[i]));
      }
    }
    long threads = block[0] * block[1] * block[2];
    if (threads > MAX_THREADS_PER_BLOCK) {
      return Optional.of(new Violation(Limit.THREADS, -1, threads, MAX_THREADS_PER_BLOCK));
    }
    return Optional.empty();
  }

  /** Threads in one block. */
  public int threadsPerBlock() {
    return blockX * blockY * blockZ;
  }

  /** Blocks in the grid. */
  public long blocks() {
    return (long) gridX * gridY * gridZ;
  }

  /** E.g. "grid (32, 32, 1) × block (256, 1, 1), 0 B dynamic shared memory". */
  @Override
  public String toString() {
    return "grid (" + gridX + ", " + gridY + ", " + gridZ + ") × block (" + blockX + ", " + blockY + ", " + blockZ
        + "), " + dynamicSharedBytes + " B dynamic shared memory";
  }
}
