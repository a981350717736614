package dev.kernelplayground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code kp roofline}, run through picocli with captured output. */
class RooflineCommandTest {

  @Test
  void memoryBoundFp32OnThe4090() {
    AdaCommandTest.Run r = AdaCommandTest.run(new RooflineCommand(), "--intensity", "4.5");
    assertEquals(0, r.exit(), r.err());
    String out = r.out();
    assertTrue(out.contains("GeForce RTX 4090"), out);
    assertTrue(out.contains("82.60 TFLOPS"), out);
    assertTrue(out.contains("1,008 GB/s"), out);
    assertTrue(out.contains("81.9 FLOP/byte"), out);
    assertTrue(out.contains("4.54 TFLOPS (5.5% of peak)"), out);
    assertTrue(out.contains("memory-bound"), out);
  }

  @Test
  void computeBoundOnAnotherGpuAndPrecision() {
    AdaCommandTest.Run r = AdaCommandTest.run(new RooflineCommand(), "-i", "500", "--precision", "bf16", "--gpu", "rtx-4080");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("GeForce RTX 4080"), r.out());
    assertTrue(r.out().contains("BF16 tensor, FP32 accumulate"), r.out());
    assertTrue(r.out().contains("97.50 TFLOPS (100.0% of peak)"), r.out());
    assertTrue(r.out().contains("compute-bound"), r.out());
  }

  @Test
  void badInputIsAOneLineError() {
    AdaCommandTest.Run precision = AdaCommandTest.run(new RooflineCommand(), "-i", "1", "-p", "fp4");
    assertEquals(2, precision.exit());
    assertTrue(precision.err().startsWith("Unknown precision 'fp4'; use one of fp64, fp32"), precision.err());

    AdaCommandTest.Run negative = AdaCommandTest.run(new RooflineCommand(), "-i", "-1");
    assertEquals(2, negative.exit());
    assertTrue(negative.err().startsWith("Invalid --intensity -1.0"), negative.err());

    AdaCommandTest.Run gpu = AdaCommandTest.run(new RooflineCommand(), "-i", "1", "-g", "a100");
    assertEquals(2, gpu.exit());
    assertTrue(gpu.err().startsWith("Unknown GPU 'a100'"), gpu.err());
  }
}
