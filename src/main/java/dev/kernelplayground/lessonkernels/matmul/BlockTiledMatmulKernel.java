package dev.kernelplayground.lessonkernels.matmul;

import com.aparapi.Kernel;
import dev.kernelplayground.aparapi.Grid;

/**
 * C = A·B (row-major, A m×k, B k×n) with 2-D register blocking: each work-item computes a 4×4 block of C.
 *
 * <p>What it teaches: {@link TiledMatmulKernel} does one multiply-add per two local-memory reads. Here a
 * work-group of 16×16 work-items owns a 64×64 tile of C; per step along k it stages a 64×16 tile of A and
 * a 16×64 tile of B in local memory (each work-item loads four of each), and then every work-item reads
 * four values of A and four of B into registers and does the 16 multiply-adds of their outer product.
 * Eight reads for sixteen multiply-adds: the arithmetic intensity per local-memory read quadruples, which
 * is what lets a GPU kernel run at the speed of its FMA units instead of its shared memory. The sixteen
 * accumulators are plain local variables — registers — spelled out one by one, because that is what they
 * are. Edge tiles load zeros and store only inside C, so any m, n, k works.
 */
public final class BlockTiledMatmulKernel extends Kernel {
  /** Work-group edge in work-items: GROUP×GROUP. */
  public static final int GROUP = 16;
  /** Outputs per work-item along each axis. */
  public static final int PER_ITEM = 4;
  /** Edge of the C tile a work-group owns: 64. */
  public static final int TILE = GROUP * PER_ITEM;
  /** Depth of one step along k. */
  public static final int STEP = 16;

  private static final int THREADS = GROUP * GROUP;

  private final float[] a;
  private final float[] b;
  private final float[] c;
  private final int m;
  private final int n;
  private final int k;

  /** A's tile: TILE rows × STEP columns. */
  @Local private final float[] aTile = new float[TILE * STEP];
  /** B's tile: STEP rows × TILE columns. */
  @Local private final float[] bTile = new float[STEP * TILE];

  public BlockTiledMatmulKernel(float[] a, float[] b, float[] c, int m, int n, int k) {
    MatmulShapes.require(a, b, c, m, n, k);
    this.a = a;
    this.b = b;
    this.c = c;
    this.m = m;
    this.n = n;
    this.k = k;
  }

  /** The launch: one work-group per 64×64 tile of C, each 16×16 work-items (x = columns, y = rows). */
  public Grid grid() {
    int groupsX = (n + TILE - 1) / TILE;
    int groupsY = (m + TILE - 1) / TILE;
    return new Grid(groupsX * GROUP, groupsY * GROUP, GROUP, GROUP);
  }

  @Override
  public void run() {
    int tx = getLocalId(0);
    int ty = getLocalId(1);
    int tileRow = getGroupId(1) * TILE;
    int tileCol = getGroupId(0) * TILE;
    int id = ty * GROUP + tx;
    float c00 = 0f, c01 = 0f, c02 = 0f, c03 = 0f;
    float c10 = 0f, c11 = 0f, c12 = 0f, c13 = 0f;
    float c20 = 0f, c21 = 0f, c22 = 0f, c23 = 0f;
    float c30 = 0f, c31 = 0f, c32 = 0f, c33 = 0f;
    for (int k0 = 0; k0 < k; k0 += STEP) {
      for (int load = id; load < TILE * STEP; load += THREADS) {
        int aRow = tileRow + load / STEP;
        int aCol = k0 + load % STEP;
        aTile[load] = aRow < m && aCol < k ? a[aRow * k + aCol] : 0f;
        int bRow = k0 + load / TILE;
        int bCol = tileCol + load % TILE;
        bTile[load] = bRow < k && bCol < n ? b[bRow * n + bCol] : 0f;
      }
      localBarrier();
      for (int kk = 0; kk < STEP; kk++) {
        float a0 = aTile[(ty * PER_ITEM) * STEP + kk];
        float a1 = aTile[(ty * PER_ITEM + 1) * STEP + kk];
        float a2 = aTile[(ty * PER_ITEM + 2) * STEP + kk];
        float a3 = aTile[(ty * PER_ITEM + 3) * STEP + kk];
        float b0 = bTile[kk * TILE + tx * PER_ITEM];
        float b1 = bTile[kk * TILE + tx * PER_ITEM + 1];
        float b2 = bTile[kk * TILE + tx * PER_ITEM + 2];
        float b3 = bTile[kk * TILE + tx * PER_ITEM + 3];
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
      }
      localBarrier();
    }
    int row = tileRow + ty * PER_ITEM;
    int col = tileCol + tx * PER_ITEM;
    storeRow(row, col, c00, c01, c02, c03);
    storeRow(row + 1, col, c10, c11, c12, c13);
    storeRow(row + 2, col, c20, c21, c22, c23);
    storeRow(row + 3, col, c30, c31, c32, c33);
  }

  /** Stores four neighbours of one row of C, each only where it lies inside C. */
  private void storeRow(int row, int col, float v0, float v1, float v2, float v3) {
    if (row < m) {
      if (col < n) {
        c[row * n + col] = v0;
      }
      if (col + 1 < n) {
        c[row * n + col + 1] = v1;
      }
      if (col + 2 < n) {
        c[row * n + col + 2] = v2;
      }
      if (col + 3 < n) {
        c[row * n + col + 3] = v3;
      }
    }
  }
}
