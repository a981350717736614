package dev.kernelplayground.emulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kernel that includes a header from its folder's parent (as kernels/ files include common.cuh) compiles on
 * the emulator, and editing the header builds it again instead of reusing the cached binary.
 */
class IncludedHeaderTest {
  @Test
  void editingAnIncludedHeaderBuildsAgain(@TempDir Path dir) throws Exception {
    EmulatorFixtures.assumeCompiler();
    Path folder = Files.createDirectories(dir.resolve("kernels").resolve("scale"));
    Path header = dir.resolve("kernels").resolve("common.cuh");
    Path file = folder.resolve("01_scale.cu");
    // A value no earlier run has cached, so the first build is a real one.
    long salt = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    Files.writeString(file, """
        #include "../common.cuh"
        extern "C" __global__ void scale(float* x, int n) {
          int i = blockIdx.x * blockDim.x + threadIdx.x;
          if (i < n) x[i] = times(x[i]);
        }
        """);
    Files.writeString(header, "__device__ float times(float v) { return v * 2.0f; } // " + salt + "\n");
    assertFalse(Emulator.compile(file).fromCache());
    assertTrue(Emulator.compile(file).fromCache());
    Files.writeString(header, "__device__ float times(float v) { return v * 3.0f; } // " + salt + "\n");
    assertFalse(Emulator.compile(file).fromCache(), "the header changed, so the cached binary is stale");
  }
}
