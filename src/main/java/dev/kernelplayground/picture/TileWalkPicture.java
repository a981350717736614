package dev.kernelplayground.picture;

import dev.kernelplayground.picture.Pen.Align;
import dev.kernelplayground.picture.Pen.Swatch;
import java.awt.Color;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;

/**
 * The walk of one block of a shared-memory tiled matmul C = A·B (A m×k, B k×n), one small picture per k-step: at
 * step s the block loads the T×T tile of A at its rows and columns s·T.., and the tile of B at rows s·T.. and its
 * columns, into shared memory, and adds their product to its T×T tile of C. Matrices are drawn to scale, with the
 * tile grid; where a tile hangs over the edge of a matrix it is hatched: those loads read 0.0f and those outputs are
 * not stored.
 *
 * @param m rows of A and C
 * @param n columns of B and C
 * @param k columns of A, rows of B
 * @param tile the tile edge T (a block of T×T threads)
 * @param blockRow which row of tiles of C the block computes (0-based)
 * @param blockCol which column of tiles of C
 */
public record TileWalkPicture(int m, int n, int k, int tile, int blockRow, int blockCol) implements Picture {
  static final Color A_TILE = new Color(0x4e, 0x79, 0xa7);
  static final Color B_TILE = new Color(0xf2, 0x8e, 0x2b);
  static final Color C_TILE = new Color(0x59, 0xa1, 0x4f);
  private static final int PANELS_PER_ROW = 4;
  private static final double PANEL_DRAWING = 300; // the height the matrices of one panel may take, in pixels
  private static final double GAP = 8;
  private static final int TOP = 58;
  private static final int CAPTION = 40;
  private static final int LEGEND = 48;

  public TileWalkPicture {
    if (m < 1 || n < 1 || k < 1 || tile < 1) {
      throw new IllegalArgumentException("a matmul needs m, n, k and the tile ≥ 1, got " + m + "×" + n + "×" + k + ", tile " + tile);
    }
    if (blockRow < 0 || blockRow >= tiles(m, tile) || blockCol < 0 || blockCol >= tiles(n, tile)) {
      throw new IllegalArgumentException("C of " + m + "×" + n + " has " + tiles(m, tile) + "×" + tiles(n, tile)
          + " tiles of " + tile + "×" + tile + "; there is no block (" + blockRow + ", " + blockCol + ")");
    }
  }

  /** The walk of the last block of C (bottom right), where every edge of a ragged shape shows. */
  public static TileWalkPicture of(int m, int n, int k, int tile) {
    return new TileWalkPicture(m, n, k, tile, tiles(m, tile) - 1, tiles(n, tile) - 1);
  }

  /** The number of k-steps: ⌈k / T⌉. */
  public int steps() {
    return tiles(k, tile);
  }

  /** The real (not padded) part of the tile of A loaded at {@code step}: rows × columns. */
  public int[] realA(int step) {
    return new int[] {real(m, blockRow), real(k, step)};
  }

  /** The real part of the tile of B loaded at {@code step}: rows × columns. */
  public int[] realB(int step) {
    return new int[] {real(k, step), real(n, blockCol)};
  }

  /** The real part of the block's tile of C: rows × columns it stores. */
  public int[] realC() {
    return new int[] {real(m, blockRow), real(n, blockCol)};
  }

  private int real(int extent, int tileIndex) {
    return Math.min(tile, extent - tileIndex * tile);
  }

  private static int tiles(int extent, int tile) {
    return (extent + tile - 1) / tile;
  }

  private int padded(int extent) {
    return tiles(extent, tile) * tile;
  }

  /** Pixels per matrix element, so that one panel's matrices fit {@link #PANEL_DRAWING}. */
  private double scale() {
    return Math.min(8, PANEL_DRAWING / (padded(k) + Math.max(padded(m), padded(n))));
  }

  private double panelWidth() {
    return Math.max(190, (padded(k) + padded(n)) * scale() + GAP + 24);
  }

  private double panelHeight() {
    return (padded(k) + padded(m)) * scale() + GAP + 16 + CAPTION;
  }

  private int rows() {
    return (steps() + PANELS_PER_ROW - 1) / PANELS_PER_ROW;
  }

  @Override
  public int width() {
    return (int) Math.ceil(Math.max(720, 20 + Math.min(steps(), PANELS_PER_ROW) * (panelWidth() + 16)));
  }

  @Override
  public int height() {
    return (int) Math.ceil(TOP + rows() * (panelHeight() + 10) + LEGEND);
  }

  @Override
  public void draw(Graphics2D g) {
    Pen pen = new Pen(g);
    pen.fill(0, 0, width(), height(), Pen.PAPER);
    pen.text(String.format("Tiled matmul, m×n×k = %d×%d×%d, %d×%d tiles: block (%d, %d) of C walks k in %d steps",
        m, n, k, tile, tile, blockRow, blockCol, steps()), 14, 24, 15, true, Pen.INK, Align.LEFT);
    pen.text(String.format("A %d×%d, B %d×%d, C %d×%d in %d×%d blocks; this one stores %d×%d of C (rows %d–%d, columns %d–%d)",
        m, k, k, n, m, n, tiles(m, tile), tiles(n, tile), realC()[0], realC()[1],
        blockRow * tile, blockRow * tile + realC()[0] - 1, blockCol * tile, blockCol * tile + realC()[1] - 1),
        14, 44, 12, false, Pen.MUTED, Align.LEFT);
    for (int step = 0; step < steps(); step++) {
      double x = 14 + (step % PANELS_PER_ROW) * (panelWidth() + 16);
      double y = TOP + (step / PANELS_PER_ROW) * (panelHeight() + 10);
      drawStep(pen, step, x, y);
    }
    pen.legend(14, height() - LEGEND + 16, width() - 14, List.of(
        new Swatch(A_TILE, false, "tile of A in shared memory"),
        new Swatch(B_TILE, false, "tile of B in shared memory"),
        new Swatch(C_TILE, false, "the block's tile of C (one sum per thread)"),
        new Swatch(light(A_TILE), false, "loaded at an earlier step"),
        new Swatch(Pen.PAPER, true, "past the edge: loads 0.0f, no store")));
  }

  private void drawStep(Pen pen, int step, double x, double y) {
    double s = scale();
    double left = x + 12; // room for the "A" label
    double bx = left + padded(k) * s + GAP, by = y + 14;
    double ay = by + padded(k) * s + GAP;
    matrix(pen, left, ay, m, k, s, "A");
    matrix(pen, bx, by, k, n, s, "B");
    matrix(pen, bx, ay, m, n, s, "C");
    int r0 = blockRow * tile, c0 = blockCol * tile;
    for (int earlier = 0; earlier < step; earlier++) {
      pen.fill(left + earlier * tile * s, ay + r0 * s, tile * s, tile * s, light(A_TILE));
      pen.fill(bx + c0 * s, by + earlier * tile * s, tile * s, tile * s, light(B_TILE));
    }
    tileBox(pen, left + step * tile * s, ay + r0 * s, realA(step), s, A_TILE);
    tileBox(pen, bx + c0 * s, by + step * tile * s, realB(step), s, B_TILE);
    tileBox(pen, bx + c0 * s, ay + r0 * s, realC(), s, C_TILE);
    double captionY = ay + padded(m) * s + 18;
    int kFirst = step * tile, kLast = kFirst + realA(step)[1] - 1;
    pen.text(String.format("step %d of %d: k %d–%d", step + 1, steps(), kFirst, kLast), x, captionY, 12, true, Pen.INK, Align.LEFT);
    pen.text(String.format("real: A %d×%d, B %d×%d of %d×%d", realA(step)[0], realA(step)[1], realB(step)[0], realB(step)[1], tile, tile),
        x, captionY + 16, 11, false, Pen.MUTED, Align.LEFT);
  }

  /** A matrix of {@code rows} × {@code cols} to scale, its tile grid over the padded extent, its name beside it. */
  private void matrix(Pen pen, double x, double y, int rows, int cols, double s, String name) {
    double w = padded(cols) * s, h = padded(rows) * s;
    pen.fill(x, y, cols * s, rows * s, new Color(0xf4, 0xf4, 0xf4));
    for (int c = tile; c < padded(cols); c += tile) {
      pen.line(x + c * s, y, x + c * s, y + h, Pen.GRID, 0.6f);
    }
    for (int r = tile; r < padded(rows); r += tile) {
      pen.line(x, y + r * s, x + w, y + r * s, Pen.GRID, 0.6f);
    }
    pen.dashed(x, y, w, h, Pen.GRID);
    pen.outline(x, y, cols * s, rows * s, Pen.INK, 1f);
    pen.text(name, x - 3, y + 12, 12, true, Pen.INK, Align.RIGHT);
  }

  /** A T×T tile: its real part filled, the part past the matrix edge hatched. */
  private void tileBox(Pen pen, double x, double y, int[] real, double s, Color color) {
    double full = tile * s;
    pen.hatch(x, y, full, full, color, 4);
    pen.fill(x, y, real[1] * s, real[0] * s, color);
    pen.outline(x, y, full, full, color.darker(), 1.2f);
  }

  private static Color light(Color c) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), 70);
  }

  @Override
  public String describe() {
    List<String> lines = new ArrayList<>();
    lines.add(String.format("tiled matmul %d×%d×%d (A %d×%d, B %d×%d, C %d×%d), %d×%d tiles: block (%d, %d) of C stores %d×%d, in %d k-steps",
        m, n, k, m, k, k, n, m, n, tile, tile, blockRow, blockCol, realC()[0], realC()[1], steps()));
    for (int step = 0; step < steps(); step++) {
      lines.add(String.format("  step %d: k %d–%d, tile of A %d×%d real, tile of B %d×%d real (the rest of the %d×%d tile loads 0.0f)",
          step + 1, step * tile, step * tile + realA(step)[1] - 1, realA(step)[0], realA(step)[1], realB(step)[0], realB(step)[1], tile, tile));
    }
    return String.join("\n", lines);
  }
}
