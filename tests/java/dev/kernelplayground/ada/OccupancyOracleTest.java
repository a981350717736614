package dev.kernelplayground.ada;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kernelplayground.process.ChildProcess;
import dev.kernelplayground.testing.Runtimes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares {@link Occupancy} with NVIDIA's own calculator: tests/resources/ada/occupancy_oracle.cpp includes the
 * CUDA toolkit's header-only {@code cuda_occupancy.h}, is compiled with g++ (host code only, no GPU or nvcc
 * needed) and answers a grid of launches; every field both calculators report must agree.
 *
 * <p>Needs g++ and the CUDA toolkit headers: skipped with the reason where they are missing, failed where CI
 * lists them in {@code KP_REQUIRED_RUNTIMES}.
 */
@Tag("cxx")
class OccupancyOracleTest {
  private static final SmLimits SM = SmLimits.SM_89;
  private static final int KB = 1024;

  /** Bits of cudaOccLimitingFactor. */
  private static final int OCC_LIMIT_WARPS = 0x01;
  private static final int OCC_LIMIT_REGISTERS = 0x02;
  private static final int OCC_LIMIT_SHARED_MEMORY = 0x04;
  private static final int OCC_LIMIT_BLOCKS = 0x08;

  @Test
  void agreesWithCudaOccupancyHeader(@TempDir Path dir) throws Exception {
    boolean gxx = commandWorks("g++", "--version");
    Runtimes.assume(Runtimes.CXX, gxx, "g++ not found on PATH (needed to compile occupancy_oracle.cpp)");
    Optional<Path> include = cudaInclude();
    Runtimes.assume(Runtimes.CUDA_TOOLKIT, include.isPresent(),
        "cuda_occupancy.h not found in $CUDA_HOME/include, $CUDA_PATH/include or /usr/local/cuda/include");

    Path source = dir.resolve("occupancy_oracle.cpp");
    try (InputStream in = getClass().getResourceAsStream("/ada/occupancy_oracle.cpp")) {
      assertTrue(in != null, "test resource ada/occupancy_oracle.cpp missing");
      Files.copy(in, source);
    }
    Path exe = dir.resolve("occupancy_oracle");
    run(List.of("g++", "-O1", "-I" + include.get(), source.toString(), "-o", exe.toString()), "");

    List<LaunchConfig> cases = grid();
    StringBuilder input = new StringBuilder();
    for (LaunchConfig c : cases) {
      input.append(c.threadsPerBlock()).append(' ').append(c.registersPerThread()).append(' ')
          .append(c.staticSharedBytes()).append(' ').append(c.dynamicSharedBytes()).append(' ')
          .append(c.sharedOptIn() ? 1 : 0).append(' ').append(c.carveoutPercent()).append('\n');
    }
    List<String> lines = run(List.of(exe.toString()), input.toString()).lines().toList();
    assertEquals(cases.size(), lines.size(), "one answer per case");

    List<String> mismatches = new ArrayList<>();
    int launchable = 0;
    for (int i = 0; i < cases.size(); i++) {
      LaunchConfig c = cases.get(i);
      OccupancyResult java = Occupancy.of(SM, c);
      String expected = lines.get(i);
      String actual = String.format(Locale.ROOT, "%d %d %d %d %d %d %d %d", java.blocksPerSm(), bits(java.limiters()),
          java.blocksByRegisters(), java.blocksBySharedMemory(), java.blocksByWarps(), java.blocksByBlockSlots(),
          java.allocatedRegistersPerBlock(), java.allocatedSharedBytesPerBlock());
      if (!expected.equals(actual)) {
        mismatches.add(c + "\n    cuda_occupancy.h: " + expected + "\n    Occupancy:        " + actual);
      }
      if (java.launchable()) {
        launchable++;
      }
    }
    System.out.printf(Locale.ROOT, "occupancy oracle: %d cases compared with cuda_occupancy.h (%d launchable), %d mismatches%n",
        cases.size(), launchable, mismatches.size());
    if (!mismatches.isEmpty()) {
      fail(mismatches.size() + " of " + cases.size() + " cases differ from cuda_occupancy.h "
          + "(blocks factors regs smem warps blocks allocRegs allocSmem):\n"
          + String.join("\n", mismatches.subList(0, Math.min(20, mismatches.size()))));
    }
    assertTrue(cases.size() > 10_000 && launchable > cases.size() / 2, "the grid should be large and mostly launchable");
  }

  /**
   * Block sizes 32..1024 in warps plus odd sizes, register counts from 0 to 255, static / dynamic shared memory
   * around every limit, with and without opt-in, at the default carveout; and a smaller grid over carveouts.
   */
  static List<LaunchConfig> grid() {
    List<Integer> threads = new ArrayList<>();
    for (int t = 32; t <= 1024; t += 32) {
      threads.add(t);
    }
    threads.addAll(List.of(1, 33, 100, 544, 1000));
    int[] registers = {0, 16, 32, 40, 48, 56, 64, 72, 96, 112, 128, 168, 255};
    int[][] shared = {
      {0, 0}, {KB, 0}, {0, KB}, {100, 0}, {12 * KB, 0}, {0, 12 * KB}, {12 * KB, 12 * KB}, {47 * KB, 0},
      {0, 47 * KB}, {48 * KB, 0}, {0, 48 * KB}, {48 * KB + 1, 0}, {0, 48 * KB + 1}, {16 * KB, 32 * KB},
      {64 * KB, 0}, {0, 64 * KB}, {8 * KB, 64 * KB + 100}, {99 * KB, 0}, {0, 99 * KB}, {0, 99 * KB + 1}
    };
    List<LaunchConfig> cases = new ArrayList<>();
    for (int t : threads) {
      for (int r : registers) {
        for (int[] s : shared) {
          for (boolean optIn : new boolean[] {false, true}) {
            cases.add(new LaunchConfig(t, r, s[0], s[1], optIn, LaunchConfig.DEFAULT_CARVEOUT));
          }
        }
      }
    }
    for (int carveout : new int[] {0, 5, 10, 25, 33, 50, 60, 64, 100}) {
      for (int t : new int[] {32, 64, 128, 256, 1024}) {
        for (int r : new int[] {0, 32, 64}) {
          for (int[] s : shared) {
            for (boolean optIn : new boolean[] {false, true}) {
              cases.add(new LaunchConfig(t, r, s[0], s[1], optIn, carveout));
            }
          }
        }
      }
    }
    return cases;
  }

  private static int bits(Set<OccupancyLimiter> limiters) {
    EnumSet<OccupancyLimiter> set = limiters.isEmpty() ? EnumSet.noneOf(OccupancyLimiter.class) : EnumSet.copyOf(limiters);
    return (set.contains(OccupancyLimiter.WARPS) ? OCC_LIMIT_WARPS : 0)
        | (set.contains(OccupancyLimiter.REGISTERS) ? OCC_LIMIT_REGISTERS : 0)
        | (set.contains(OccupancyLimiter.SHARED_MEMORY) ? OCC_LIMIT_SHARED_MEMORY : 0)
        | (set.contains(OccupancyLimiter.BLOCKS) ? OCC_LIMIT_BLOCKS : 0);
  }

  private static Optional<Path> cudaInclude() {
    List<Path> candidates = new ArrayList<>();
    for (String env : new String[] {"CUDA_HOME", "CUDA_PATH"}) {
      String home = System.getenv(env);
      if (home != null && !home.isBlank()) {
        candidates.add(Path.of(home, "include"));
      }
    }
    candidates.add(Path.of("/usr/local/cuda/include"));
    return candidates.stream().filter(p -> Files.isRegularFile(p.resolve("cuda_occupancy.h"))).findFirst();
  }

  private static boolean commandWorks(String... command) {
    try {
      return ChildProcess.of(command).mergeStderr().timeout(Duration.ofSeconds(30)).run().succeeded();
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs a command with {@code stdin}, fails the test on a non-zero exit, returns stdout. */
  private static String run(List<String> command, String stdin) throws Exception {
    ChildProcess.Result r = ChildProcess.of(command).stdin(stdin).timeout(Duration.ofSeconds(120)).run();
    if (r.timedOut()) {
      fail(String.join(" ", command) + " timed out");
    }
    if (r.exitCode() != 0) {
      fail(String.join(" ", command) + " exited with " + r.exitCode() + ":\n" + r.stderr());
    }
    return r.stdout();
  }

}
