package dev.kernelplayground.cudasource;

/**
 * A launch evaluated for concrete sizes: the {@code <<<grid, block, dynamicSharedBytes>>>} of one kernel.
 */
public record LaunchDims(
    int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ, int dynamicSharedBytes) {

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
