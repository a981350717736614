package dev.kernelplayground.tour;

import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.threads.BlockGrid;

/**
 * C = A·B for row-major A (m×k), B (k×n), C (m×n), computed tile by tile as a shared-memory tiled CUDA
 * kernel does: each block owns a {@link #TILE}×{@link #TILE} tile of C, walks along k one tile at a time,
 * copies the A and B tiles it needs into small local arrays (the "shared memory"), and accumulates in
 * float. Tiles at the right and bottom edges are partial when m, n or k is not a multiple of the tile:
 * the loads pad them with zeros and the store writes only the elements inside C.
 */
public final class TiledMatmul {
  public static final int TILE = 32;

  private TiledMatmul() {}

  public static ExecutionTarget run(
      BlockGrid grid, float[] a, float[] b, float[] c, int m, int n, int k) {
    int gridX = (n + TILE - 1) / TILE;
    int gridY = (m + TILE - 1) / TILE;
    return grid.launch(gridX, gridY, (bx, by) -> tile(a, b, c, m, n, k, by * TILE, bx * TILE));
  }

  /** One block's work: the TILE×TILE tile of C whose top-left element is (row0, col0). */
  public static void tile(float[] a, float[] b, float[] c, int m, int n, int k, int row0, int col0) {
    float[] aTile = new float[TILE * TILE];
    float[] bTile = new float[TILE * TILE];
    float[] acc = new float[TILE * TILE];
    for (int k0 = 0; k0 < k; k0 += TILE) {
      for (int i = 0; i < TILE; i++) {
        for (int j = 0; j < TILE; j++) {
          int row = row0 + i, kk = k0 + j;
          aTile[i * TILE + j] = row < m && kk < k ? a[row * k + kk] : 0f;
          int kRow = k0 + i, col = col0 + j;
          bTile[i * TILE + j] = kRow < k && col < n ? b[kRow * n + col] : 0f;
        }
      }
      for (int i = 0; i < TILE; i++) {
        for (int kk = 0; kk < TILE; kk++) {
          float aik = aTile[i * TILE + kk];
          for (int j = 0; j < TILE; j++) {
            acc[i * TILE + j] += aik * bTile[kk * TILE + j];
          }
        }
      }
    }
    for (int i = 0; i < TILE && row0 + i < m; i++) {
      for (int j = 0; j < TILE && col0 + j < n; j++) {
        c[(row0 + i) * n + col0 + j] = acc[i * TILE + j];
      }
    }
  }
}
