package dev.kernelplayground.lessonkernels.matmul;

import com.aparapi.Kernel;
import dev.kernelplayground.aparapi.Grid;

/**
 * C = A·B for row-major A (m×k), B (k×n), C (m×n), with local-memory tiles — the classic first
 * optimisation of a matmul kernel.
 *
 * <p>What it teaches: a work-group of {@link #TILE}×{@link #TILE} work-items owns one tile of C. Walking
 * along k one tile at a time, each work-item copies one element of A and one of B into {@code @Local}
 * arrays (OpenCL {@code __local}, CUDA {@code __shared__}), so the group reads each global element once per
 * tile instead of {@link #TILE} times. {@link #localBarrier()} ({@code __syncthreads()}) comes twice per
 * step: after the loads, so nobody reads a tile before it is full, and after the multiply, so nobody
 * overwrites a tile that a neighbour is still reading. When m, n or k is not a multiple of the tile, the
 * edge tiles are partial: the loads pad with zeros and only work-items inside C store. Every work-item
 * must reach every barrier, so the bounds guard sits on the loads and the store, never around the loop.
 */
public final class TiledMatmulKernel extends Kernel {
  /** Tile edge: a work-group is TILE×TILE work-items. */
  public static final int TILE = 16;

  private final float[] a;
  private final float[] b;
  private final float[] c;
  private final int m;
  private final int n;
  private final int k;

  @Local private final float[] aTile = new float[TILE * TILE];
  @Local private final float[] bTile = new float[TILE * TILE];

  public TiledMatmulKernel(float[] a, float[] b, float[] c, int m, int n, int k) {
    MatmulShapes.require(a, b, c, m, n, k);
    this.a = a;
    this.b = b;
    this.c = c;
    this.m = m;
    this.n = n;
    this.k = k;
  }

  /** The launch: one work-item per element of C (x = column, y = row), rounded up to whole tiles. */
  public Grid grid() {
    return Grid.twoD(n, m, TILE, TILE);
  }

  @Override
  public void run() {
    int tx = getLocalId(0);
    int ty = getLocalId(1);
    int col = getGlobalId(0);
    int row = getGlobalId(1);
    float acc = 0f;
    for (int k0 = 0; k0 < k; k0 += TILE) {
      int aCol = k0 + tx;
      int bRow = k0 + ty;
      aTile[ty * TILE + tx] = row < m && aCol < k ? a[row * k + aCol] : 0f;
      bTile[ty * TILE + tx] = bRow < k && col < n ? b[bRow * n + col] : 0f;
      localBarrier();
      for (int kk = 0; kk < TILE; kk++) {
        acc += aTile[ty * TILE + kk] * bTile[kk * TILE + tx];
      }
      localBarrier();
    }
    if (row < m && col < n) {
      c[row * n + col] = acc;
    }
  }
}
