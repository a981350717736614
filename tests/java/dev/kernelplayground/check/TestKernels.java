package dev.kernelplayground.check;

import dev.kernelplayground.device.ExecutionTarget;

/**
 * Small single-threaded matmul kernels for the checker's tests: a correct one in float and the planted
 * bugs the checker must catch. Each mimics a tiled GPU kernel of tile {@link #TILE}.
 */
final class TestKernels {
  static final int TILE = 16;
  static final ExecutionTarget TARGET = ExecutionTarget.javaThreads(1);

  /** Which bug to plant. */
  enum Bug {
    NONE,
    /** The A-tile load guard is kk < k − 1: the last term of every dot product is dropped. */
    OFF_BY_ONE_TILE_EDGE,
    /** B read as b[col][k] instead of b[k][col]. */
    TRANSPOSED_INDEX,
    /** The grid is m / TILE × n / TILE rounded down: partial edge tiles are never computed. */
    SKIPPED_EDGE_TILE,
    /** One element, (row 5, col 7), is never stored. */
    UNWRITTEN_ELEMENT,
    /** Stores zeros. */
    ALL_ZEROS,
    /** Uses A as scratch space after computing. */
    MUTATES_INPUT,
    /** Produces NaN at (row 3, col 2). */
    NAN
  }

  private TestKernels() {}

  static ExecutionTarget matmul(Bug bug, float[] a, float[] b, float[] c, int m, int n, int k) {
    int tilesY = bug == Bug.SKIPPED_EDGE_TILE ? m / TILE : (m + TILE - 1) / TILE;
    int tilesX = bug == Bug.SKIPPED_EDGE_TILE ? n / TILE : (n + TILE - 1) / TILE;
    int kLimit = bug == Bug.OFF_BY_ONE_TILE_EDGE ? k - 1 : k;
    for (int ty = 0; ty < tilesY; ty++) {
      for (int tx = 0; tx < tilesX; tx++) {
        for (int i = ty * TILE; i < Math.min(m, (ty + 1) * TILE); i++) {
          for (int j = tx * TILE; j < Math.min(n, (tx + 1) * TILE); j++) {
            float acc = 0;
            for (int kk = 0; kk < kLimit; kk++) {
              float bValue = bug == Bug.TRANSPOSED_INDEX ? b[(j * k + kk) % b.length] : b[kk * n + j];
              acc += a[i * k + kk] * bValue;
            }
            if (bug == Bug.UNWRITTEN_ELEMENT && i == 5 && j == 7) {
              continue;
            }
            if (bug == Bug.NAN && i == 3 && j == 2) {
              acc = 0f / (acc - acc); // 0 / 0
            }
            c[i * n + j] = bug == Bug.ALL_ZEROS ? 0f : acc;
          }
        }
      }
    }
    if (bug == Bug.MUTATES_INPUT) {
      a[0] = 42f;
    }
    return TARGET;
  }
}
