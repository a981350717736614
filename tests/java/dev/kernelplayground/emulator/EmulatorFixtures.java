package dev.kernelplayground.emulator;

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

  static int cdiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
