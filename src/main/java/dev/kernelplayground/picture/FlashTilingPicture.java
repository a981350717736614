package dev.kernelplayground.picture;

import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.picture.Pen.Align;
import dev.kernelplayground.picture.Pen.Swatch;
import java.awt.Color;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Flash attention's tiling for one head, to scale: the seq×seq score matrix S that the naive plan writes to DRAM,
 * and what one block of a flash kernel does instead. The block holds {@code queryRows} rows of Q and streams K and
 * V through shared memory {@code keyTile} keys at a time; at each step it scores its rows against the tile (an S/P
 * tile of queryRows × keyTile that never leaves the chip), updates its online softmax and moves on. With the causal
 * mask, keys after a query are masked, and tiles starting after the block's last query are skipped altogether,
 * as {@code kernels/attention/03_flash_tiled.cu} does.
 *
 * @param seq sequence length (rows of Q, K and V; S is seq×seq)
 * @param dim head dimension d (columns of Q, K and V)
 * @param queryRows query rows per block (Br)
 * @param keyTile keys per K/V tile (Bc)
 * @param causal whether query i sees only keys j ≤ i
 * @param queryBlock which block of query rows is followed (0-based)
 */
public record FlashTilingPicture(int seq, int dim, int queryRows, int keyTile, boolean causal, int queryBlock)
    implements Picture {
  static final Color Q_BLOCK = new Color(0x4e, 0x79, 0xa7);
  static final Color KV_TILE = new Color(0xf2, 0x8e, 0x2b);
  static final Color SCORES = new Color(0xe1, 0x57, 0x59);
  static final Color NAIVE = new Color(0xec, 0xe6, 0xf4);
  private static final double DRAWING = 420; // pixels S and Q (or Kᵀ) may take together
  private static final int LEGEND = 48;
  private static final int NOTES = 340; // the width of the notes beside S
  private static final int LEFT = 40, TOP = 64;

  public FlashTilingPicture {
    if (seq < 1 || dim < 1 || queryRows < 1 || keyTile < 1) {
      throw new IllegalArgumentException("seq, dim and the tile sizes must be ≥ 1");
    }
    if (queryBlock < 0 || queryBlock >= blocks(seq, queryRows)) {
      throw new IllegalArgumentException("seq " + seq + " has " + blocks(seq, queryRows) + " blocks of " + queryRows
          + " query rows; there is no block " + queryBlock);
    }
  }

  /**
   * The walk of the middle block of queries of a flash kernel file, at its own block sizes: its
   * {@code #define BR} (query rows per block) and {@code #define BC} (keys per tile).
   */
  public static FlashTilingPicture of(KernelSource flash, int seq, int dim, boolean causal) {
    return of(seq, dim, flash.intDefine("BR"), flash.intDefine("BC"), causal);
  }

  /** The walk of the middle block of queries: with the causal mask it walks some tiles and skips others. */
  public static FlashTilingPicture of(int seq, int dim, int queryRows, int keyTile, boolean causal) {
    return new FlashTilingPicture(seq, dim, queryRows, keyTile, causal, blocks(seq, queryRows) / 2);
  }

  private static int blocks(int extent, int size) {
    return (extent + size - 1) / size;
  }

  /** First query row of the block. */
  public int firstQuery() {
    return queryBlock * queryRows;
  }

  /** Real query rows of the block (fewer than queryRows at the end of the sequence). */
  public int realQueries() {
    return Math.min(queryRows, seq - firstQuery());
  }

  /** K/V tiles of the whole sequence. */
  public int keyTiles() {
    return blocks(seq, keyTile);
  }

  /** The tiles this block walks: all of them, or with the causal mask those starting before its last query. */
  public int walkedTiles() {
    int keyEnd = causal ? Math.min(seq, firstQuery() + queryRows) : seq;
    return blocks(keyEnd, keyTile);
  }

  /** Bytes of the naive plan's S for one head, fp32. */
  public long naiveScoreBytes() {
    return 4L * seq * seq;
  }

  /** Bytes of one S/P tile (queryRows × keyTile fp32): all the scores the block holds at once. */
  public long tileScoreBytes() {
    return 4L * queryRows * keyTile;
  }

  /** Bytes of shared memory the block's tiles of Q, K and V take at this d (fp32). */
  public long sharedTileBytes() {
    return 4L * dim * (queryRows + 2L * keyTile);
  }

  private double scale() {
    return Math.min(8, DRAWING / (seq + dim));
  }

  @Override
  public int width() {
    return (int) Math.ceil(Math.max(760, LEFT + (dim + seq) * scale() + 10 + 40 + NOTES));
  }

  @Override
  public int height() {
    double drawing = (dim + seq) * scale() + 16 + 24, notes = 5 * 54 + 10;
    return (int) Math.ceil(TOP + Math.max(drawing, notes) + 10 + LEGEND);
  }

  @Override
  public void draw(Graphics2D g) {
    Pen pen = new Pen(g);
    double s = scale();
    pen.fill(0, 0, width(), height(), Pen.PAPER);
    pen.text(String.format("Flash attention, one head: seq %d, d %d, blocks of %d queries, K/V tiles of %d keys%s", seq, dim,
        queryRows, keyTile, causal ? ", causal" : ""), 14, 24, 15, true, Pen.INK, Align.LEFT);
    pen.text(String.format("block %d (queries %d–%d) walks %d of %d K/V tiles; S is never stored", queryBlock, firstQuery(),
        firstQuery() + realQueries() - 1, walkedTiles(), keyTiles()), 14, 44, 12, false, Pen.MUTED, Align.LEFT);
    double qx = LEFT, sx = qx + dim * s + 10, ky = TOP, sy = ky + dim * s + 16;
    drawQ(pen, qx, sy, s);
    drawK(pen, sx, ky, s);
    drawS(pen, sx, sy, s);
    drawNotes(pen, sx + seq * s + 40, TOP);
    List<Swatch> swatches = new ArrayList<>(List.of(
        new Swatch(Q_BLOCK, false, "Q block (shared memory, the whole walk)"),
        new Swatch(KV_TILE, false, "K/V tile (shared memory, one step)"),
        new Swatch(SCORES, false, "S/P tile (on chip, one step)"),
        new Swatch(NAIVE, false, "S in DRAM (the naive plan)")));
    if (causal) {
      swatches.add(new Swatch(Pen.PAPER, true, "masked or skipped"));
    }
    pen.legend(14, height() - LEGEND + 16, width() - 14, swatches);
  }

  private void drawQ(Pen pen, double x, double y, double s) {
    pen.fill(x, y, dim * s, seq * s, new Color(0xf4, 0xf4, 0xf4));
    pen.fill(x, y + firstQuery() * s, dim * s, realQueries() * s, Q_BLOCK);
    pen.outline(x, y, dim * s, seq * s, Pen.INK, 1f);
    pen.text("Q", x - 4, y + 12, 12, true, Pen.INK, Align.RIGHT);
    pen.text("d = " + dim, x + dim * s / 2, y - 4, 10, false, Pen.MUTED, Align.CENTER);
  }

  /** Kᵀ above S, so that each tile of keys sits over its columns of S; walked tiles numbered in walk order. */
  private void drawK(Pen pen, double x, double y, double s) {
    pen.fill(x, y, seq * s, dim * s, new Color(0xf4, 0xf4, 0xf4));
    for (int t = 0; t < keyTiles(); t++) {
      double tx = x + t * keyTile * s, tw = Math.min(keyTile, seq - t * keyTile) * s;
      if (t < walkedTiles()) {
        pen.fill(tx, y, tw, dim * s, KV_TILE);
        if (tw >= 14) {
          pen.centred(Integer.toString(t + 1), tx, y, tw, dim * s, 12, true, Color.WHITE);
        }
      } else {
        pen.hatch(tx, y, tw, dim * s, Pen.MUTED, 5);
      }
      pen.outline(tx, y, tw, dim * s, Pen.INK, 0.8f);
    }
    pen.text("Kᵀ, V", x - 4, y + 12, 12, true, Pen.INK, Align.RIGHT);
    pen.text("seq = " + seq + " keys", x + seq * s / 2, y - 4, 10, false, Pen.MUTED, Align.CENTER);
  }

  private void drawS(Pen pen, double x, double y, double s) {
    pen.fill(x, y, seq * s, seq * s, NAIVE);
    for (int c = keyTile; c < seq; c += keyTile) {
      pen.line(x + c * s, y, x + c * s, y + seq * s, Pen.GRID, 0.6f);
    }
    for (int r = queryRows; r < seq; r += queryRows) {
      pen.line(x, y + r * s, x + seq * s, y + r * s, Pen.GRID, 0.6f);
    }
    double rowY = y + firstQuery() * s, rowH = realQueries() * s;
    for (int t = 0; t < keyTiles(); t++) {
      int k0 = t * keyTile, keys = Math.min(keyTile, seq - k0);
      double tx = x + k0 * s, tw = keys * s;
      if (t >= walkedTiles()) {
        pen.fill(tx, rowY, tw, rowH, Pen.PAPER);
        pen.hatch(tx, rowY, tw, rowH, Pen.MUTED, 5);
        continue;
      }
      pen.fill(tx, rowY, tw, rowH, SCORES);
      if (causal) {
        for (int r = 0; r < realQueries(); r++) {
          int query = firstQuery() + r, maskedFrom = Math.max(k0, query + 1);
          if (maskedFrom < k0 + keys) {
            double mx = x + maskedFrom * s;
            pen.fill(mx, rowY + r * s, x + (k0 + keys) * s - mx, s, Pen.PAPER);
            pen.hatch(mx, rowY + r * s, x + (k0 + keys) * s - mx, s, Pen.MUTED, 5);
          }
        }
      }
      pen.outline(tx, rowY, tw, rowH, Pen.INK, 1f);
      if (tw >= 14 && rowH >= 12) {
        pen.centred(Integer.toString(t + 1), tx, rowY, tw, rowH, 11, true, Pen.INK);
      }
    }
    pen.outline(x, y, seq * s, seq * s, Pen.INK, 1f);
    pen.text(String.format("S = Q·Kᵀ: %d×%d scores", seq, seq), x + seq * s / 2, y + seq * s + 16, 11, false, Pen.MUTED, Align.CENTER);
  }

  private void drawNotes(Pen pen, double x, double y) {
    String[][] notes = {
      {"naive plan", String.format(Locale.ROOT, "S and P for the head in DRAM: %d² × 4 B = %s,", seq, bytes(naiveScoreBytes())),
          "written, read, rewritten and read again (3 kernels)"},
      {"flash block", String.format(Locale.ROOT, "Q block %d×%d stays on chip for the whole walk;", realQueries(), dim),
          String.format(Locale.ROOT, "each step loads a K and a V tile of %d×%d", keyTile, dim)},
      {"on chip at once", String.format(Locale.ROOT, "S/P tile %d×%d = %s of scores,", queryRows, keyTile, bytes(tileScoreBytes())),
          String.format(Locale.ROOT, "Q, K, V tiles %s of shared memory at d %d", bytes(sharedTileBytes()), dim)},
      {"per step", "tile max → rescale running sum and output", "(online softmax) → add P·V"},
      {"K and V traffic", String.format(Locale.ROOT, "read once per block of %d queries,", queryRows),
          String.format(Locale.ROOT, "not once per query as in the fused kernel: %d× fewer", queryRows)},
    };
    double ny = y + 10;
    for (String[] note : notes) {
      pen.text(note[0], x, ny, 12, true, Pen.INK, Align.LEFT);
      pen.text(note[1], x, ny + 16, 11, false, Pen.INK, Align.LEFT);
      pen.text(note[2], x, ny + 31, 11, false, Pen.INK, Align.LEFT);
      ny += 54;
    }
  }

  private static String bytes(long b) {
    if (b >= 1 << 20) {
      return String.format(Locale.ROOT, "%.1f MiB", b / 1048576.0);
    }
    return String.format(Locale.ROOT, "%,d B", b);
  }

  @Override
  public String describe() {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "flash attention, seq %d, d %d, blocks of %d queries, K/V tiles of %d keys%s", seq, dim,
        queryRows, keyTile, causal ? ", causal" : ""));
    lines.add(String.format(Locale.ROOT, "  block %d (queries %d–%d) walks %d of %d K/V tiles", queryBlock, firstQuery(),
        firstQuery() + realQueries() - 1, walkedTiles(), keyTiles()));
    lines.add(String.format(Locale.ROOT, "  naive S per head: %s in DRAM; flash S/P tile: %s on chip; Q, K, V tiles: %s of shared memory",
        bytes(naiveScoreBytes()), bytes(tileScoreBytes()), bytes(sharedTileBytes())));
    return String.join("\n", lines);
  }
}
