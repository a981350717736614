package dev.kernelplayground.tour;

import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.threads.BlockGrid;

/**
 * The tour's planted bug: the tiled matmul launched with a grid of m / TILE × n / TILE blocks, rounded
 * down instead of up, so the partial tiles at the right and bottom edges are never computed. It passes
 * every size that is a multiple of the tile and fails all others: why checks use odd shapes.
 */
final class EdgeBugMatmul {
  private EdgeBugMatmul() {}

  static ExecutionTarget run(BlockGrid grid, float[] a, float[] b, float[] c, int m, int n, int k) {
    int tile = TiledMatmul.TILE;
    return grid.launch(
        Math.max(1, n / tile),
        Math.max(1, m / tile),
        (bx, by) -> TiledMatmul.tile(a, b, c, m, n, k, by * tile, bx * tile));
  }
}
