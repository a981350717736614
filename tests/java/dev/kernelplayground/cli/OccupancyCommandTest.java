package dev.kernelplayground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code kp occupancy}, run through picocli with captured output. */
class OccupancyCommandTest {

  @Test
  void registerBoundKernel() {
    AdaCommandTest.Run r = AdaCommandTest.run(new OccupancyCommand(), "--threads", "256", "--registers", "64", "--shared", "8192");
    assertEquals(0, r.exit(), r.err());
    String out = r.out();
    assertTrue(out.contains("| Blocks per SM"), out);
    assertTrue(out.contains("32 of 48"), out);
    assertTrue(out.contains("66.7%"), out);
    assertTrue(out.matches("(?s).*\\| registers\\s+\\| 4\\s+\\| binds.*"), out);
    assertTrue(out.matches("(?s).*\\| shared memory\\s+\\| 11\\s+\\|.*"), out);
    assertTrue(out.contains("64 regs × 32 threads = 2,048 per warp"), out);
    assertTrue(out.contains("Hint: cap registers at 40 per thread (now 64)"), out);
  }

  @Test
  void sizesWithSuffixesAndOptIn() {
    AdaCommandTest.Run r = AdaCommandTest.run(new OccupancyCommand(), "-t", "128", "-r", "32", "--dynamic-shared", "64K", "--opt-in");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("65,536 B dynamic shared memory (opt-in)"), r.out());
    assertTrue(r.out().contains("8.3%"), r.out());
  }

  @Test
  void unlaunchableKernelExplainsWhy() {
    AdaCommandTest.Run r = AdaCommandTest.run(new OccupancyCommand(), "-t", "1024", "-r", "72");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("cannot launch"), r.out());
    assertTrue(r.out().contains("73,728 registers per block"), r.out());
  }

  @Test
  void badInputIsAOneLineErrorNotAStackTrace() {
    AdaCommandTest.Run negative = AdaCommandTest.run(new OccupancyCommand(), "--threads", "-5", "--registers", "32");
    assertEquals(2, negative.exit());
    assertTrue(negative.err().startsWith("Invalid launch: threads per block must be positive, got -5"), negative.err());
    assertFalse(negative.err().contains("at dev.kernelplayground"), negative.err());

    AdaCommandTest.Run notANumber = AdaCommandTest.run(new OccupancyCommand(), "--threads", "many", "--registers", "32");
    assertEquals(2, notANumber.exit());
    assertTrue(notANumber.err().startsWith("Invalid value for option '--threads'"), notANumber.err());

    AdaCommandTest.Run badSize = AdaCommandTest.run(new OccupancyCommand(), "-t", "256", "-r", "32", "--shared", "lots");
    assertEquals(2, badSize.exit());
    assertTrue(badSize.err().contains("'lots' is not a byte count"), badSize.err());

    AdaCommandTest.Run missing = AdaCommandTest.run(new OccupancyCommand(), "--threads", "256");
    assertEquals(2, missing.exit());
    assertTrue(missing.err().startsWith("Missing required option: '--registers=N'"), missing.err());
  }
}
