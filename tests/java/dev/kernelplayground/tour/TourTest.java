package dev.kernelplayground.tour;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.bench.BenchConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TourTest {
  @Test
  void theTourChecksTimesCatchesThePlantedBugAndWritesItsReports(@TempDir Path dir) throws Exception {
    StringWriter text = new StringWriter();
    boolean ok = new Tour(new PrintWriter(text), dir, 1234, new BenchConfig(1, 2)).run();
    String out = text.toString();
    assertTrue(ok, out);
    assertTrue(out.contains("vector_add") && out.contains("matmul_tiled"), out);
    assertTrue(out.contains("ran on java · "), out);
    assertTrue(out.contains("matmul_tiled_edge_bug"), out);
    assertTrue(out.contains("never written"), out);
    assertTrue(out.contains("partial tiles at the edge"), out);
    assertTrue(out.contains("RTX 4090"), out);
    assertTrue(out.contains("Java kernels on OpenCL"), out);
    if (dev.kernelplayground.emulator.Emulator.available()) {
      assertTrue(out.contains("ran on emulator · ") && out.contains("out-of-bounds access") && out.contains("thread ("), out);
    }
    if (!dev.kernelplayground.aparapi.AparapiDeviceList.openCl().isEmpty()) {
      assertTrue(out.contains("ran on opencl · "), out);
      assertTrue(out.contains("AllocatingKernel cannot run on OpenCL") && out.contains("new"), out);
    }
    assertTrue(Files.readString(dir.resolve("tour.html")).contains("FAIL"));
    var image = ImageIO.read(dir.resolve("planted-bug-error-map.png").toFile());
    assertNotNull(image, "the error map is a real PNG");
    assertTrue(image.getWidth() >= 500);
  }
}
