package dev.kernelplayground.cli;

import static dev.kernelplayground.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.testing.CliRun;
import org.junit.jupiter.api.Test;

/** {@code kp roofline}, run through picocli with captured output. */
class RooflineCommandTest {

  @Test
  void memoryBoundFp32OnThe4090() {
    CliRun r = CliRun.of("roofline", "--intensity", "4.5");
    assertEquals(0, r.exitCode(), r.err());
    String out = r.out();
    assertContains(out,
        "GeForce RTX 4090",
        "82.60 TFLOPS",
        "1,008 GB/s",
        "81.9 FLOP/byte",
        "4.54 TFLOPS (5.5% of peak)",
        "memory-bound");
  }

  @Test
  void computeBoundOnAnotherGpuAndPrecision() {
    CliRun r = CliRun.of("roofline", "-i", "500", "--precision", "bf16", "--gpu", "rtx-4080");
    assertEquals(0, r.exitCode(), r.err());
    assertContains(r.out(),
        "GeForce RTX 4080",
        "BF16 tensor, FP32 accumulate",
        "97.50 TFLOPS (100.0% of peak)",
        "compute-bound");
  }

  @Test
  void badInputIsAOneLineError() {
    CliRun precision = CliRun.of("roofline", "-i", "1", "-p", "fp4");
    assertEquals(2, precision.exitCode());
    assertTrue(precision.err().startsWith("kp roofline: Unknown precision 'fp4'; use one of fp64, fp32"), precision.err());

    CliRun negative = CliRun.of("roofline", "-i", "-1");
    assertEquals(2, negative.exitCode());
    assertTrue(negative.err().startsWith("kp roofline: Invalid --intensity -1.0"), negative.err());

    CliRun gpu = CliRun.of("roofline", "-i", "1", "-g", "a100");
    assertEquals(2, gpu.exitCode());
    assertTrue(gpu.err().startsWith("kp roofline: Unknown GPU 'a100'"), gpu.err());
  }
}
