package dev.kernelplayground.emulator;

import static dev.kernelplayground.emulator.EmulatorFixtures.kernel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.testing.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code kp emulate} runs a kernel with random inputs and reports its outputs, or its bug. */
class EmulateCommandTest {
  private String out;
  private String err;

  @BeforeEach
  void needsCompiler() {
    EmulatorFixtures.assumeCompiler();
  }

  private int kp(String... args) {
    CliRun run = CliRun.of(args);
    out = run.out();
    err = run.err();
    return run.exitCode();
  }

  @Test
  void runsAKernelAndShowsItsOutput() {
    int code = kp("emulate", kernel("vector_add.cu").toString(), "-k", "vector_add", "-g", "2", "-b", "64",
        "--seed", "7", "in:float:100", "in:float:100", "out:float:100", "100");
    assertEquals(0, code, err);
    assertTrue(out.contains("vector_add<<<(2,1,1), (64,1,1), 0>>> ran on emulator · CUDA emulator"), out);
    assertTrue(out.contains("CPU time (not GPU performance)") && out.contains("seed 7"), out);
    assertTrue(out.contains("argument 3 (out:float:100): ["), out);
    assertTrue(!out.contains("NaN (never written?)"), out);
  }

  @Test
  void refusesALaunchBeyondCudasLimitsInWords() {
    int code = kp("emulate", kernel("vector_add.cu").toString(), "-k", "vector_add", "-g", "1", "-b", "2048",
        "in:float:4", "in:float:4", "out:float:4", "4");
    assertEquals(2, code);
    assertTrue(err.contains("kp emulate: block (2048,1,1) is not a valid CUDA block: x and y at most 1024, z at most"
        + " 64, at most 1024 threads in all"), err);
  }

  @Test
  void reportsTheBugOfAKernel() {
    int code = kp("emulate", kernel("bugs/oob_write.cu").toString(), "-k", "vector_add", "-g", "2", "-b", "64",
        "in:float:100", "in:float:100", "out:float:100", "100");
    assertEquals(2, code);
    assertTrue(err.contains("kp emulate: oob_write.cu:4: out-of-bounds access: a[100], but a has 100 elements"), err);
  }
}
