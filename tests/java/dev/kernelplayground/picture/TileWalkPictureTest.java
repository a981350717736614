package dev.kernelplayground.picture;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.Color;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tile walk shows one panel per k-step, and each tile is drawn with the real part the shape leaves it. */
class TileWalkPictureTest {
  @Test
  void raggedRandomShapes() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int trial = 0; trial < 6; trial++) {
      int m = 1 + random.nextInt(140), n = 1 + random.nextInt(140), k = 1 + random.nextInt(140);
      int tile = List.of(8, 16, 32).get(random.nextInt(3));
      int blockRow = random.nextInt((m + tile - 1) / tile), blockCol = random.nextInt((n + tile - 1) / tile);
      check(new TileWalkPicture(m, n, k, tile, blockRow, blockCol), "seed " + seed);
    }
  }

  @Test
  void theLessonShapeAndExactMultiples() {
    check(new TileWalkPicture(67, 45, 33, 16, 1, 2), "lesson 4");
    check(TileWalkPicture.of(67, 45, 33, 16), "bottom right");
    check(TileWalkPicture.of(64, 32, 96, 32), "multiples of the tile");
    check(TileWalkPicture.of(1, 1, 1, 16), "one element");
    String text = SvgText.of(new TileWalkPicture(67, 45, 33, 16, 1, 2)).allText();
    assertTrue(text.contains("step 3 of 3: k 32–32") && text.contains("real: A 16×1, B 1×13 of 16×16")
        && text.contains("this one stores 16×13 of C (rows 16–31, columns 32–44)"), text);
  }

  @Test
  void aBlockOutsideCIsRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> new TileWalkPicture(67, 45, 33, 16, 5, 0));
    assertTrue(e.getMessage().contains("5×3 tiles"), e.getMessage());
  }

  /** Checks the picture against the shape, worked out here independently of the picture's own helpers. */
  private static void check(TileWalkPicture p, String what) {
    String where = what + ": " + p;
    SvgText svg = SvgText.of(p);
    int steps = (p.k() + p.tile() - 1) / p.tile();
    int cRows = Math.min(p.tile(), p.m() - p.blockRow() * p.tile()), cCols = Math.min(p.tile(), p.n() - p.blockCol() * p.tile());
    List<String> captions = svg.texts().stream().filter(t -> t.startsWith("step ")).toList();
    assertEquals(steps, captions.size(), where);
    for (int step = 0; step < steps; step++) {
      int kReal = Math.min(p.tile(), p.k() - step * p.tile());
      assertEquals("step " + (step + 1) + " of " + steps + ": k " + step * p.tile() + "–" + (step * p.tile() + kReal - 1),
          captions.get(step), where);
      String real = String.format("real: A %d×%d, B %d×%d of %d×%d", cRows, kReal, kReal, cCols, p.tile(), p.tile());
      assertTrue(svg.texts().contains(real), where + ": no '" + real + "' in\n" + svg.allText());
    }
    // The filled (real) part of each tile has the real part's proportions; legend swatches are 14 × 12.
    List<double[]> a = tiles(svg, TileWalkPicture.A_TILE), b = tiles(svg, TileWalkPicture.B_TILE), c = tiles(svg, TileWalkPicture.C_TILE);
    assertEquals(steps, a.size(), where);
    assertEquals(steps, b.size(), where);
    assertEquals(steps, c.size(), where);
    for (int step = 0; step < steps; step++) {
      int kReal = Math.min(p.tile(), p.k() - step * p.tile());
      assertProportion(a.get(step), cRows, kReal, where + " A step " + (step + 1));
      assertProportion(b.get(step), kReal, cCols, where + " B step " + (step + 1));
      assertProportion(c.get(step), cRows, cCols, where + " C");
    }
  }

  private static List<double[]> tiles(SvgText svg, Color color) {
    return svg.filled(color).stream().filter(r -> !(r[2] == 14 && r[3] == 12)).toList();
  }

  private static void assertProportion(double[] rect, int rows, int cols, String what) {
    assertEquals(rect[2] * rows, rect[3] * cols, 1e-6 * (rect[2] + rect[3]) * (rows + cols),
        what + ": " + rect[2] + "×" + rect[3] + " px for " + rows + "×" + cols + " elements");
  }
}
