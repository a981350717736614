package dev.kernelplayground.tour;

import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.threads.BlockGrid;

/**
 * c[i] = a[i] + b[i]. Teaches the grid: each block owns {@link #BLOCK} consecutive elements, as a CUDA
 * block of threads would, and the last block stops at n — the bounds check every kernel over an
 * arbitrary size needs. Memory-bound: 2 loads and 1 store per FLOP.
 */
public final class VectorAdd {
  /** Elements per block. */
  public static final int BLOCK = 8192;

  private VectorAdd() {}

  public static ExecutionTarget run(BlockGrid grid, float[] a, float[] b, float[] c) {
    int n = c.length;
    int blocks = (n + BLOCK - 1) / BLOCK;
    return grid.launch(
        blocks,
        (block, unused) -> {
          int start = block * BLOCK;
          int end = Math.min(start + BLOCK, n);
          for (int i = start; i < end; i++) {
            c[i] = a[i] + b[i];
          }
        });
  }
}
