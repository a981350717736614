package dev.kernelplayground.emulator;

import dev.kernelplayground.cudasource.LaunchDims;
import dev.kernelplayground.testing.Runtimes;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;

/** Shared by the emulator's tests: the test kernels' files and the C++ compiler gate. */
final class EmulatorFixtures {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private EmulatorFixtures() {}

  /** Skips (or in CI fails) the test when no C++ compiler is on PATH. */
  static void assumeCompiler() {
    Runtimes.assume(Runtimes.CXX, Emulator.available(), "the CUDA emulator needs g++ or clang++ on PATH");
  }

  /** A file under tests/resources/emulator, e.g. "matmul_tiled.cu" or "bugs/oob_write.cu". */
  static Path kernel(String name) {
    URL url = EmulatorFixtures.class.getResource("/emulator/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no test kernel emulator/" + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One to three sizes as x, y, z; the missing ones are 1. */
  static int[] xyz(int... sizes) {
    int[] v = {1, 1, 1};
    System.arraycopy(sizes, 0, v, 0, sizes.length);
    return v;
  }

  /** The launch {@code <<<grid, block, dynamicSharedBytes>>>}. */
  static LaunchDims dims(int[] grid, int[] block, int dynamicSharedBytes) {
    return new LaunchDims(grid[0], grid[1], grid[2], block[0], block[1], block[2], dynamicSharedBytes);
  }

  static int cdiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
