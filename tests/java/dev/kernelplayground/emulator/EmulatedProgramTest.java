package dev.kernelplayground.emulator;

import static dev.kernelplayground.emulator.EmulatorFixtures.kernel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.testing.CliRun;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whole programs (a .cu file with its own main) on the emulator through {@code kp emulate prog.cu -- ARGS}:
 * programs written afresh in the styles CUDA code is written in, each run with random sizes and seeds (the
 * seed is in every failure message), and planted bugs that must be reported with the user's lines. What the
 * program prints (stdout and stderr, in the order written) comes out on stdout; a failed kernel's report on
 * stderr.
 */
class EmulatedProgramTest {
  private long seed;
  private SplittableRandom random;

  @BeforeEach
  void setUp() {
    EmulatorFixtures.assumeCompiler();
    seed = RandomInputs.newSeed();
    random = new SplittableRandom(seed);
  }

  private CliRun program(String file, Object... args) {
    List<String> command = new ArrayList<>(List.of("emulate", kernel("programs/" + file).toString(), "--"));
    for (Object a : args) {
      command.add(a.toString());
    }
    return CliRun.of(command.toArray(String[]::new));
  }

  private String why(CliRun run) {
    return "seed " + seed + "\nout:\n" + run.out() + "\nerr:\n" + run.err();
  }

  @Test
  void unifiedMemoryGridStrideAdd() {
    int n = 1 + random.nextInt(300_000);
    CliRun run = program("managed_add.cu", n);
    assertEquals(0, run.exitCode(), why(run));
    assertTrue(run.out().contains("n = " + n + ", max error: 0"), why(run));
  }

  @Test
  void cudaMallocMemcpyAddWithACheckingMacroAndAHeaderNextToIt() {
    int n = 1 + random.nextInt(200_000);
    CliRun run = program("memcpy_add.cu", n, random.nextInt(1000));
    assertEquals(0, run.exitCode(), why(run));
    assertTrue(run.out().contains("n=" + n) && run.out().contains("wrong=0"), why(run));
    assertTrue(!run.err().contains("never freed"), why(run));
  }

  @Test
  void benchmarkProgramValidatesEachVersionAndTimesItWithEventsLabelledCpuTime() {
    int n = 4 * random.nextInt(1, 20_000) + random.nextInt(1, 4); // not a multiple of 4: the tail matters
    for (int version : new int[] {1, 2}) {
      CliRun run = program("bench_versions.cu", version, n, random.nextInt(1000));
      assertEquals(0, run.exitCode(), why(run));
      assertTrue(run.out().contains("device NVIDIA GeForce RTX 4090, sm_89, 128 SMs, L2 75497472 bytes"), why(run));
      assertTrue(run.out().contains("version " + version + ": n=" + n) && run.out().contains("ms per run"), why(run));
      assertTrue(run.out().contains("cudaEventElapsedTime gives CPU time of the emulator here, not GPU time"),
          why(run));
    }
    CliRun wrong = program("bench_versions.cu", 3, n, random.nextInt(1000)); // planted: no tail
    assertEquals(1, wrong.exitCode(), why(wrong));
    assertTrue(wrong.out().contains("mismatch at " + (n / 4 * 4)) && wrong.out().contains("version 3 is wrong"),
        why(wrong));
  }

  @Test
  void includesCublasAndCublasLtWithoutCallingThemAndACallFailsNamingIt() {
    CliRun run = program("with_cublas_headers.cu");
    assertEquals(0, run.exitCode(), why(run));
    assertTrue(run.out().contains("0 outside (0, 1]"), why(run));
    CliRun call = program("with_cublas_headers.cu", "call");
    assertEquals(3, call.exitCode(), why(call));
    assertTrue(call.out().contains("with_cublas_headers.cu:34: cublasSgemm: cuBLAS does not run on the emulator"),
        why(call));
  }

  @Test
  void cooperativeGroupsSoftmaxWithACustomStructReduction() {
    int rows = 1 + random.nextInt(40);
    int cols = 1 + random.nextInt(1500);
    CliRun run = program("cg_softmax.cu", rows, cols, random.nextInt(1000));
    assertEquals(0, run.exitCode(), why(run));
    assertTrue(run.out().contains("rows=" + rows + " cols=" + cols), why(run));
  }

  @Test
  void everyTileMethodGivesWhatItMust() {
    int block = 32 * random.nextInt(1, 9); // a multiple of 32, mostly not of 64
    CliRun run = program("cg_tiles.cu", block, random.nextInt(1000));
    assertEquals(0, run.exitCode(), why(run));
    assertTrue(run.out().contains("wrong=0"), why(run));
  }

  @Test
  void aTileReachingPastTheBlockIsReported() {
    CliRun run = program("cg_tiles.cu", 32 * random.nextInt(1, 4) + 18, 1);
    assertEquals(1, run.exitCode(), why(run));
    assertTrue(run.err().contains("cg_tiles.cu:23: a group collective over a tile of 4 threads whose last threads lie"
        + " past the end of the block"), why(run));
  }

  @Test
  void gridSyncReductionUnderACooperativeLaunch() {
    int n = 1 + random.nextInt(300_000);
    int blocks = 1 + random.nextInt(200);
    CliRun run = program("grid_sync_sum.cu", n, blocks, random.nextInt(1000));
    assertEquals(0, run.exitCode(), why(run));
    assertTrue(run.out().contains("6 blocks of 256 threads fit per SM"), why(run));
    assertTrue(run.out().matches("(?s).*n=" + n + " blocks=" + blocks + " sum=(-?\\d+) expected=\\1\\n.*"), why(run));
  }

  @Test
  void aCooperativeGridThatWouldNotBeResidentOnAnRtx4090IsRefusedWithTheNumbers() {
    CliRun run = program("grid_sync_sum.cu", 1000, 769 + random.nextInt(100), 1);
    assertEquals(2, run.exitCode(), why(run));
    assertTrue(run.out().contains("cudaErrorCooperativeLaunchTooLarge") && run.out().contains(
        "holds at most 768 blocks of 256 threads at once (6 per SM × 128 SMs)"), why(run));
    assertTrue(run.out().contains("cooperative launch refused: cudaErrorCooperativeLaunchTooLarge"), why(run));
  }

  @Test
  void offByOneKernelOverACudaMallocdBufferNamesTheAllocationAndItsLine() {
    CliRun run = program("bugs/off_by_one.cu");
    assertEquals(1, run.exitCode(), why(run));
    assertTrue(run.err().contains("off_by_one.cu:6: out-of-bounds access: x[1000], but x has 1000 elements"), why(run));
    assertTrue(run.err().contains("x is d_x (4000 bytes from cudaMalloc at off_by_one.cu:12)"), why(run));
    // a sticky error from then on, as on a GPU: the check after the launch and the next call both see it
    assertTrue(run.out().contains("after the launch: cudaErrorIllegalAddress"), why(run));
    assertTrue(run.out().contains("[CUDA ERROR] at off_by_one.cu:17: an illegal memory access was encountered"),
        why(run));
    assertTrue(!run.out().contains("not reached"), why(run));
    assertTrue(run.out().contains("1 allocation (4000 bytes) never freed"), why(run));
  }

  @Test
  void memcpyPastTheEndIsRefusedWithItsLine() {
    CliRun run = program("bugs/memcpy_past_end.cu");
    assertEquals(1, run.exitCode(), why(run));
    assertTrue(run.out().contains("memcpy_past_end.cu:10: cudaMemcpy of 16448 bytes into d_x (16384 bytes from"
        + " cudaMalloc at memcpy_past_end.cu:9) at byte 0: 64 bytes past its end: cudaErrorInvalidValue"), why(run));
  }

  @Test
  void aHostPointerInAKernelIsReported() {
    CliRun run = program("bugs/host_pointer.cu");
    assertEquals(1, run.exitCode(), why(run));
    assertTrue(run.err().matches("(?s).*host_pointer.cu:7: invalid access: out\\[\\d+\\], but out points to host memory.*"),
        why(run));
  }

  @Test
  void doubleFreeAndLeaksAreReported() {
    CliRun run = program("bugs/double_free_and_leak.cu");
    assertEquals(0, run.exitCode(), why(run));
    assertTrue(run.out().contains("double_free_and_leak.cu:9: cudaFree(d_a): double free: d_a (1024 bytes from"
        + " cudaMalloc at double_free_and_leak.cu:6, freed at double_free_and_leak.cu:8)"), why(run));
    assertTrue(run.out().contains("second cudaFree: cudaErrorInvalidValue"), why(run));
    assertTrue(run.out().contains("warning: 1 allocation (400 bytes) never freed:\n  d_kept (400 bytes from cudaMalloc"
        + " at double_free_and_leak.cu:7)"), why(run));
  }

  @Test
  void anInvalidLaunchConfigurationIsExplained() {
    CliRun run = program("bugs/bad_config.cu");
    assertEquals(0, run.exitCode(), why(run));
    assertTrue(run.out().contains("bad_config.cu:7: launch of noop: cudaErrorInvalidConfiguration: a block of"
        + " 2048×1×1 = 2048 threads, but an sm_89 block has at most 1024"), why(run));
    assertTrue(run.out().contains("launch: cudaErrorInvalidConfiguration\nthen: cudaSuccess"), why(run));
  }

  @Test
  void aDivergentTileCollectiveIsReportedLikeADivergentWarpOperation() {
    CliRun run = program("bugs/divergent_tile.cu");
    assertEquals(1, run.exitCode(), why(run));
    assertTrue(run.err().contains("divergent_tile.cu:10: ") && run.err().contains("waits for lane 1 of its warp"),
        why(run));
  }

  @Test
  void aFileWithoutMainAndWithoutAKernelNameIsRefused() {
    CliRun run = CliRun.of("emulate", kernel("vector_add.cu").toString());
    assertEquals(2, run.exitCode(), why(run));
    assertTrue(run.err().contains("has no main() to run as a whole program"), why(run));
  }

  @Test
  void deviceMemoryReadOnTheHostIsReportedWithItsLine() {
    CliRun run = program("bugs/device_pointer_on_host.cu");
    assertEquals(3, run.exitCode(), why(run));
    assertTrue(run.err().contains("device_pointer_on_host.cu:8: device memory used on the host: a read of d_x (256 bytes"
        + " from cudaMalloc at device_pointer_on_host.cu:6)"), why(run));
  }

  @Test
  void oneKernelOfAProgramRunsWithRandomInputsAndItsBuffersAreNamedAsParameters() {
    int n = 1 + random.nextInt(5000);
    String file = kernel("programs/memcpy_add.cu").toString();
    CliRun ok = CliRun.of("emulate", file, "-k", "vector_add", "-g", Integer.toString((n + 255) / 256), "-b", "256",
        "--seed", Long.toString(seed), "in:float:" + n, "in:float:" + n, "out:float:" + n, Integer.toString(n));
    assertEquals(0, ok.exitCode(), why(ok));
    assertTrue(ok.out().contains("argument 3 (out:float:" + n + "): [") && !ok.out().contains("NaN"), why(ok));
    CliRun past = CliRun.of("emulate", file, "-k", "vector_add", "-g", Integer.toString((n + 256) / 256), "-b", "256",
        "in:float:" + n, "in:float:" + n, "out:float:" + n, Integer.toString(n + 1));
    assertEquals(2, past.exitCode(), why(past));
    assertTrue(past.err().contains("memcpy_add.cu:9: out-of-bounds access: a[" + n + "], but a has " + n + " elements"
        + " (float, indices 0.." + (n - 1) + ")"), why(past));
  }

  @Test
  void theRestOfTheHostApiBehavesAsCudaSpecifies() {
    int n = 1 + random.nextInt(20_000);
    CliRun run = program("host_api.cu", n, random.nextInt(1000));
    assertEquals(0, run.exitCode(), why(run));
    assertTrue(run.out().contains("host API: 0 failures (n=" + n), why(run));
    assertTrue(run.out().contains("host_api.cu:69: cudaMemcpyToSymbol of 32 bytes at offset 4, but the symbol has 32"
        + " bytes: cudaErrorInvalidValue"), why(run));
    assertTrue(run.out().contains("65536 bytes of dynamic shared memory, but a block may have 49152 without opting in"),
        why(run));
    assertTrue(run.err().contains("host_api.cu:34: uninitialised shared-memory read: s[1]"), why(run));
  }
}
