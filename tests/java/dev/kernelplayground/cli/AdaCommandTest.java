package dev.kernelplayground.cli;

import static dev.kernelplayground.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.ada.AdaGpus;
import dev.kernelplayground.ada.GpuSpec;
import dev.kernelplayground.testing.CliRun;
import org.junit.jupiter.api.Test;

/** {@code kp ada}, run through picocli with captured output. */
class AdaCommandTest {


  @Test
  void printsTheRtx4090AndTheSmLimits() {
    CliRun r = CliRun.of("ada");
    assertEquals(0, r.exitCode(), r.err());
    String out = r.out();
    assertTrue(out.startsWith("GeForce RTX 4090 (AD102, compute capability 8.9)"), out);
    assertContains(out,
        "AD102 (128 of 144 SMs enabled)",
        "16,384 (128 per SM)",
        "2.52 GHz",
        "82.60 TFLOPS",
        "165.20 TFLOPS",
        "1,008 GB/s",
        "72 MB",
        "81.9 FLOP/byte",
        "1,536 (48 warps)",
        "99 KB (101,376 B)",
        "0, 8, 16, 32, 64, 100 KB");
  }

  @Test
  void describesAnotherPart() {
    CliRun r = CliRun.of("ada", "--gpu", "l40s");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("NVIDIA L40S (AD102"), r.out());
    assertTrue(r.out().contains("864 GB/s"), r.out());
  }

  @Test
  void comparesAllParts() {
    CliRun r = CliRun.of("ada", "--compare");
    assertEquals(0, r.exitCode(), r.err());
    for (GpuSpec g : AdaGpus.all()) {
      assertTrue(r.out().contains(g.name()), g.name() + " missing:\n" + r.out());
    }
    assertTrue(r.out().contains("362.05"), r.out());
  }

  @Test
  void unknownGpuIsAOneLineError() {
    CliRun r = CliRun.of("ada", "--gpu", "h100");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().startsWith("kp ada: Unknown GPU 'h100'; known: 4090"), r.err());
    assertTrue(!r.err().contains("Exception"), r.err());
  }
}
