package dev.kernelplayground.jcuda;

/**
 * How a kernel is launched: the grid of blocks, the block of threads, and the dynamic shared memory per
 * block ({@code kernel<<<grid, block, sharedBytes>>>} in CUDA C).
 */
public record LaunchGeometry(
    int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ, int dynamicSharedBytes) {
  /** The most threads one block may have on every GPU since Fermi. */
  public static final int MAX_THREADS_PER_BLOCK = 1024;

  public LaunchGeometry {
    if (gridX <= 0 || gridY <= 0 || gridZ <= 0 || blockX <= 0 || blockY <= 0 || blockZ <= 0) {
      throw new IllegalArgumentException("grid and block sizes must be positive: " + describe(
          gridX, gridY, gridZ, blockX, blockY, blockZ));
    }
    if ((long) blockX * blockY * blockZ > MAX_THREADS_PER_BLOCK) {
      throw new IllegalArgumentException(
          "a block of " + blockX + "×" + blockY + "×" + blockZ + " = " + (long) blockX * blockY * blockZ
              + " threads is more than the " + MAX_THREADS_PER_BLOCK + " a block may have");
    }
    if (gridY > 65_535 || gridZ > 65_535) {
      throw new IllegalArgumentException("grid y and z may be at most 65535, got " + gridY + " and " + gridZ);
    }
    if (dynamicSharedBytes < 0) {
      throw new IllegalArgumentException("dynamic shared memory cannot be negative");
    }
  }

  /** One thread per element of {@code n}, {@code block} threads per block: ⌈n / block⌉ blocks. */
  public static LaunchGeometry linear(long n, int block) {
    return new LaunchGeometry(Math.toIntExact((n + block - 1) / block), 1, 1, block, 1, 1, 0);
  }

  /** A 2-D grid of {@code tile}×{@code tile} blocks covering {@code rows}×{@code cols} (x runs along columns). */
  public static LaunchGeometry tiles(int rows, int cols, int tile) {
    return new LaunchGeometry((cols + tile - 1) / tile, (rows + tile - 1) / tile, 1, tile, tile, 1, 0);
  }

  public long threads() {
    return (long) gridX * gridY * gridZ * blockX * blockY * blockZ;
  }

  @Override
  public String toString() {
    return describe(gridX, gridY, gridZ, blockX, blockY, blockZ)
        + (dynamicSharedBytes > 0 ? ", " + dynamicSharedBytes + " B dynamic shared" : "");
  }

  private static String describe(int gx, int gy, int gz, int bx, int by, int bz) {
    return "grid (" + gx + ", " + gy + ", " + gz + ") × block (" + bx + ", " + by + ", " + bz + ")";
  }
}
