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
 * the emulator, and editing the header builds it again instead of reusing the cached binary. A source without
 * headers of its own is one cache entry wherever it is (a notebook writes its cells to a new folder per session),
 * while a folder that supplies a header is part of the key.
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

  @Test
  void theSameSourceInAnotherFolderComesFromTheCacheUnlessItIncludesFromIt(@TempDir Path dir) throws Exception {
    EmulatorFixtures.assumeCompiler();
    long salt = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    String alone = "extern \"C\" __global__ void shift(float* x, int n) {\n"
        + "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
        + "  if (i < n) x[i] += " + salt + ".0f;\n}\n";
    Path first = Files.writeString(Files.createDirectories(dir.resolve("session-1")).resolve("cell.cu"), alone);
    Path second = Files.writeString(Files.createDirectories(dir.resolve("session-2")).resolve("cell.cu"), alone);
    assertFalse(Emulator.compile(first).fromCache());
    assertTrue(Emulator.compile(second).fromCache(), "the same text in another folder is the same build");
    assertFalse(Emulator.compile(Files.writeString(dir.resolve("session-2").resolve("other.cu"), alone)).fromCache(),
        "another file name is another build (reports name the file)");

    String including = "#include \"times.cuh\"\n" + alone.replace("+= ", "+= times(1.0f) + ");
    for (String session : new String[] {"session-1", "session-2"}) {
      Files.writeString(dir.resolve(session).resolve("times.cuh"), "__device__ float times(float v) { return v * 2.0f; }\n");
      Path file = Files.writeString(dir.resolve(session).resolve("including.cu"), including);
      assertFalse(Emulator.compile(file).fromCache(), session + ": a build names its folder's headers, so it has its own entry");
    }
  }
}
