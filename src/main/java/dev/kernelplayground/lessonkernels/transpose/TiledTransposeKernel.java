package dev.kernelplayground.lessonkernels.transpose;

import com.aparapi.Kernel;
import dev.kernelplayground.aparapi.Grid;

/**
 * out = xᵀ for a row-major rows×cols x (out is cols×rows), a {@link #TILE}×{@link #TILE} tile per
 * work-group staged in local memory so that both the reads and the writes are coalesced.
 *
 * <p>What it teaches: the group reads its tile of x row by row (neighbours read neighbours) into a
 * {@code @Local} array, waits at {@link #localBarrier()} ({@code __syncthreads()}), and then writes the
 * tile's columns as rows of out (neighbours write neighbours); the turn happens in local memory, where a
 * strided access is cheap. Cheap, but not free: local memory is split into 32 banks of 4 bytes, and a column
 * of a 16-float-wide array sits in two banks, so reading a column would queue the work-items one behind the
 * other. One padding column (rows of {@code TILE + 1} floats, {@link #padded}) shifts each row by one bank and
 * spreads a column's 16 words over 16 banks; {@link #unpadded} keeps rows of TILE floats, to show what the
 * padding buys (lesson 10 counts both). At the right and bottom edges of an odd-sized matrix the loads and the stores
 * are guarded, never the barriers: every work-item of the group reaches them.
 */
public final class TiledTransposeKernel extends Kernel {
  /** Tile edge: a work-group is TILE×TILE work-items, one element each. */
  public static final int TILE = 16;

  /** Floats from one tile row to the next in local memory: TILE, or TILE + 1 with a padding column. */
  private final int pitch;

  private final float[] x;
  private final float[] out;
  private final int rows;
  private final int cols;

  @Local private final float[] tile = new float[TILE * (TILE + 1)];

  private TiledTransposeKernel(float[] x, float[] out, int rows, int cols, int pitch) {
    TransposeShapes.require(x, out, rows, cols);
    this.x = x;
    this.out = out;
    this.rows = rows;
    this.cols = cols;
    this.pitch = pitch;
  }

  /**
   * Tile rows of TILE + 1 floats: a column of the tile spans 16 banks, so a warp reading two columns meets itself
   * in one bank only (2 wavefronts instead of 8).
   */
  public static TiledTransposeKernel padded(float[] x, float[] out, int rows, int cols) {
    return new TiledTransposeKernel(x, out, rows, cols, TILE + 1);
  }

  /**
   * Tile rows of TILE floats: the 16 floats of a column lie 16 words apart, in two banks, so a warp (two
   * 16-wide rows of work-items) reading columns asks each of four banks for 8 different words.
   */
  public static TiledTransposeKernel unpadded(float[] x, float[] out, int rows, int cols) {
    return new TiledTransposeKernel(x, out, rows, cols, TILE);
  }

  /** The launch: one work-item per element of x (x = column, y = row), rounded up to whole tiles. */
  public Grid grid() {
    return Grid.twoD(cols, rows, TILE, TILE);
  }

  @Override
  public void run() {
    int tx = getLocalId(0);
    int ty = getLocalId(1);
    int col0 = getGroupId(0) * TILE;
    int row0 = getGroupId(1) * TILE;
    if (row0 + ty < rows && col0 + tx < cols) {
      tile[ty * pitch + tx] = x[(row0 + ty) * cols + col0 + tx];
    }
    localBarrier();
    // Row col0 + ty of out is column col0 + ty of x; its elements row0 + tx sit in the tile's column ty.
    if (col0 + ty < cols && row0 + tx < rows) {
      out[(col0 + ty) * rows + row0 + tx] = tile[tx * pitch + ty];
    }
  }
}
