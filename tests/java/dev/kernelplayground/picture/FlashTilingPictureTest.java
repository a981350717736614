package dev.kernelplayground.picture;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.cudasource.KernelLibrary;
import dev.kernelplayground.cudasource.KernelSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Flash attention's tiling: the tiles a block walks, what the causal mask skips, the bytes on the picture. */
class FlashTilingPictureTest {
  @Test
  void lesson8sKernelAtItsOddShapeWithTheBlockSizesOfItsFile() {
    var p = FlashTilingPicture.of(KernelSource.load(KernelLibrary.find().root().resolve("attention/03_flash_tiled.cu")),
        67, 32, true);
    assertEquals(16, p.queryRows(), "03_flash_tiled.cu's #define BR");
    assertEquals(32, p.keyTile(), "03_flash_tiled.cu's #define BC");
    String text = SvgText.of(p).allText();
    assertTrue(text.contains("block 2 (queries 32–47) walks 2 of 3 K/V tiles"), text);
    assertTrue(text.contains("67² × 4 B = 17,956 B") && text.contains("S/P tile 16×32 = 2,048 B"), text);
    assertTrue(text.contains("Q, K, V tiles 10,240 B of shared memory at d 32"), text);  // (16 + 2·32) × 32 × 4
  }

  @Test
  void blockSizesComeFromTheFilesDefinesAndAMissingOneIsNamed() {
    String flash = KernelSource.load(KernelLibrary.find().root().resolve("attention/03_flash_tiled.cu")).text();
    String bigger = flash.replace("#define BR 16", "#define BR 64").replace("#define BC 32", "  #  define BC   128");
    var p = FlashTilingPicture.of(KernelSource.of(Path.of("flash.cu"), bigger), 300, 64, false);
    assertEquals(64, p.queryRows());
    assertEquals(128, p.keyTile());
    String noBr = flash.replace("#define BR 16", "#define BRX 16");
    var e = assertThrows(IllegalArgumentException.class,
        () -> FlashTilingPicture.of(KernelSource.of(Path.of("flash.cu"), noBr), 67, 32, true));
    assertTrue(e.getMessage().contains("flash.cu has no line '#define BR <integer>'"), e.getMessage());
  }

  @Test
  void randomShapesWalkTheTilesTheKernelWalks() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int trial = 0; trial < 8; trial++) {
      int seq = 1 + random.nextInt(300), dim = 1 + random.nextInt(128);
      int rows = List.of(16, 32, 64).get(random.nextInt(3)), keys = List.of(16, 32, 64).get(random.nextInt(3));
      boolean causal = random.nextBoolean();
      int block = random.nextInt((seq + rows - 1) / rows);
      check(new FlashTilingPicture(seq, dim, rows, keys, causal, block), "seed " + seed);
    }
    check(new FlashTilingPicture(1000, 64, 64, 64, true, 7), "seq 1000");
    assertTrue(SvgText.of(new FlashTilingPicture(1000, 64, 64, 64, true, 7)).allText().contains("= 3.8 MiB"));
  }

  private static void check(FlashTilingPicture p, String what) {
    String where = what + ": " + p;
    SvgText svg = SvgText.of(p);
    int first = p.queryBlock() * p.queryRows(), real = Math.min(p.queryRows(), p.seq() - first);
    // 03_flash_tiled.cu: for (k0 = 0; k0 < keyEnd; k0 += BC), keyEnd = causal ? min(seq, q0 + BR) : seq
    int keyEnd = p.causal() ? Math.min(p.seq(), first + p.queryRows()) : p.seq();
    int walked = (keyEnd + p.keyTile() - 1) / p.keyTile(), tiles = (p.seq() + p.keyTile() - 1) / p.keyTile();
    String line = String.format("block %d (queries %d–%d) walks %d of %d K/V tiles", p.queryBlock(), first, first + real - 1, walked, tiles);
    assertTrue(svg.allText().contains(line), where + ": no '" + line + "' in\n" + svg.allText());
    assertEquals(walked, drawn(svg, FlashTilingPicture.KV_TILE).size(), where);
    assertEquals(walked, drawn(svg, FlashTilingPicture.SCORES).size(), where);
    double[] q = drawn(svg, FlashTilingPicture.Q_BLOCK).get(0);
    assertEquals(q[2] * real, q[3] * p.dim(), 1e-6 * (q[2] + q[3]) * (real + p.dim()), where + ": the Q block's proportions");
  }

  private static List<double[]> drawn(SvgText svg, java.awt.Color color) {
    return svg.filled(color).stream().filter(r -> !(r[2] == 14 && r[3] == 12)).toList();  // not the legend's swatches
  }
}
