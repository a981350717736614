package dev.kernelplayground.cli;

import static dev.kernelplayground.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.testing.CliRun;
import org.junit.jupiter.api.Test;

/** {@code kp occupancy}, run through picocli with captured output. */
class OccupancyCommandTest {

  @Test
  void registerBoundKernel() {
    CliRun r = CliRun.of("occupancy", "--threads", "256", "--registers", "64", "--shared", "8192");
    assertEquals(0, r.exitCode(), r.err());
    String out = r.out();
    assertContains(out, "| Blocks per SM", "32 of 48", "66.7%");
    assertTrue(out.matches("(?s).*\\| registers\\s+\\| 4\\s+\\| binds.*"), out);
    assertTrue(out.matches("(?s).*\\| shared memory\\s+\\| 11\\s+\\|.*"), out);
    assertContains(out, "64 regs × 32 threads = 2,048 per warp", "Hint: cap registers at 40 per thread (now 64)");
  }

  @Test
  void sizesWithSuffixesAndOptIn() {
    CliRun r = CliRun.of("occupancy", "-t", "128", "-r", "32", "--dynamic-shared", "64K", "--opt-in");
    assertEquals(0, r.exitCode(), r.err());
    assertContains(r.out(), "65,536 B dynamic shared memory (opt-in)", "8.3%");
  }

  @Test
  void unlaunchableKernelExplainsWhy() {
    CliRun r = CliRun.of("occupancy", "-t", "1024", "-r", "72");
    assertEquals(0, r.exitCode(), r.err());
    assertContains(r.out(), "cannot launch", "73,728 registers per block");
  }

  @Test
  void badInputIsAOneLineErrorNotAStackTrace() {
    CliRun negative = CliRun.of("occupancy", "--threads", "-5", "--registers", "32");
    assertEquals(2, negative.exitCode());
    assertTrue(negative.err().startsWith("kp occupancy: Invalid launch: threads per block must be positive, got -5"), negative.err());
    assertFalse(negative.err().contains("at dev.kernelplayground"), negative.err());

    CliRun notANumber = CliRun.of("occupancy", "--threads", "many", "--registers", "32");
    assertEquals(2, notANumber.exitCode());
    assertTrue(notANumber.err().startsWith("kp occupancy: Invalid value for option '--threads'"), notANumber.err());

    CliRun badSize = CliRun.of("occupancy", "-t", "256", "-r", "32", "--shared", "lots");
    assertEquals(2, badSize.exitCode());
    assertTrue(badSize.err().contains("'lots' is not a byte count"), badSize.err());

    CliRun missing = CliRun.of("occupancy", "--threads", "256");
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().startsWith("kp occupancy: Missing required option: '--registers=N'"), missing.err());
  }
}
