package dev.kernelplayground.emulator;

import static dev.kernelplayground.emulator.EmulatorFixtures.TIMEOUT;
import static dev.kernelplayground.emulator.EmulatorFixtures.cdiv;
import static dev.kernelplayground.emulator.EmulatorFixtures.dims;
import static dev.kernelplayground.emulator.EmulatorFixtures.kernel;
import static dev.kernelplayground.emulator.EmulatorFixtures.xyz;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.check.CheckReport;
import dev.kernelplayground.check.Checker;
import dev.kernelplayground.cudasource.KernelArg;
import dev.kernelplayground.cudasource.LaunchDims;
import dev.kernelplayground.emulator.EmulatorException.Kind;
import dev.kernelplayground.problem.MatmulProblem;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.testing.Texts;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Planted bugs (tests/resources/emulator/bugs) get the messages the emulator promises: kernel, block,
 * thread and the user's own line, in plain words.
 */
class EmulatorBugsTest {
  /** Builds the planted bugs that compile side by side first (each build is a child process). */
  @BeforeAll
  static void buildSideBySide() {
    if (!Emulator.available()) {
      return;
    }
    List.of("bugs/oob_write.cu", "bugs/oob_read_row.cu", "bugs/missing_sync.cu", "bugs/divergent_barrier.cu",
            "bugs/infinite_loop.cu", "bugs/warp_divergence.cu", "bugs/assert_and_printf.cu")
        .parallelStream()
        .forEach(file -> Emulator.compile(kernel(file)));
  }

  @BeforeEach
  void needsCompiler() {
    EmulatorFixtures.assumeCompiler();
  }

  private static void assertMentions(String message, String... parts) {
    Texts.assertContains(message, parts);
  }

  /** The fault is at line {@code line} of the kernel file, and its message says every one of {@code parts}. */
  private static void assertReported(EmulatorException e, int line, String... parts) {
    assertEquals(line, e.line(), e.getMessage());
    assertMentions(e.getMessage(), parts);
  }

  /**
   * Launches {@code kernel} of the planted-bug file {@code file} (compiled once, then from the emulator's cache)
   * expecting the emulator to stop it with a fault of {@code kind}, and returns the fault.
   */
  private static EmulatorException fault(Kind kind, String file, String kernel, LaunchDims dims, KernelArg... args) {
    EmulatedModule module = Emulator.compile(kernel(file));
    EmulatorException e =
        assertThrows(EmulatorException.class, () -> module.launch(kernel, dims, List.of(args), TIMEOUT));
    assertEquals(kind, e.kind(), e.getMessage());
    return e;
  }

  @Test
  void outOfBoundsAccessThroughAKernelParameterNamesTheElementAndTheThread() {
    int n = 1000;
    float[] a = new float[n], b = new float[n], c = new float[n];
    EmulatorException e = fault(Kind.OUT_OF_BOUNDS, "bugs/oob_write.cu", "vector_add",
        dims(xyz(cdiv(n, 256)), xyz(256), 0), KernelArg.in(a), KernelArg.in(b), KernelArg.out(c), KernelArg.of(n));
    assertEquals(4, e.line());
    assertEquals("(3,0,0)", e.block().orElseThrow());
    assertEquals("(232,0,0)", e.thread().orElseThrow(), "thread 232 of block 3 is element 1000");
    assertMentions(e.getMessage(), "oob_write.cu:4: out-of-bounds", "[1000]", "has 1000 elements", "kernel vector_add");
  }

  @Test
  void outOfBoundsReadThroughAPlainPointerIsCaughtAtTheBufferEnd() {
    int rows = 37, cols = 19;
    float[] x = RandomInputs.uniform(rows * cols, 1, "x");
    float[] sums = new float[rows];
    EmulatorException e = fault(Kind.OUT_OF_BOUNDS, "bugs/oob_read_row.cu", "row_sums",
        dims(xyz(2), xyz(32), 0), KernelArg.in(x), KernelArg.out(sums), KernelArg.of(rows), KernelArg.of(cols));
    assertReported(e, 8, "out-of-bounds read", "x[" + rows * cols + "]", "row_sums", "thread (4,0,0)");
  }

  @Test
  void aMisalignedVectorLoadIsReportedAsAGpuWouldStop() {
    EmulatedModule module = Emulator.compile(kernel("bugs/oob_read_row.cu"));
    float[] x = new float[4 * 7];
    float[] heads = new float[4 * 4];
    module.launch("row_heads", dims(xyz(1), xyz(4), 0), List.of(KernelArg.in(x), KernelArg.out(heads), KernelArg.of(4)), TIMEOUT);
    EmulatorException e = fault(Kind.MISALIGNED_ACCESS, "bugs/oob_read_row.cu", "row_heads",
        dims(xyz(1), xyz(4), 0), KernelArg.in(x), KernelArg.out(heads), KernelArg.of(7));
    assertReported(e, 16, "misaligned access: 16 bytes at x[7] (byte offset 28)", "multiples of 16 bytes",
        "thread (1,0,0)");
  }

  @Test
  void writingIntoAnInputIsReported() {
    float[] a = new float[8];
    EmulatorException e = fault(Kind.OUT_OF_BOUNDS, "bugs/oob_write.cu", "vector_add",
        dims(xyz(1), xyz(8), 0), KernelArg.in(a), KernelArg.in(a), KernelArg.in(a), KernelArg.of(8));
    assertMentions(e.getMessage(), "wrote into c[0]", "Arg.inOut");
  }

  @Test
  void aMissingSyncthreadsGivesAWrongResultTheCheckerCatches() {
    EmulatedModule checked = Emulator.compile(kernel("bugs/missing_sync.cu"));
    EmulatorException race = assertThrows(EmulatorException.class,
        () -> checked.launch("matmul_tiled", dims(xyz(1, 1), xyz(16, 16), 0),
            List.of(KernelArg.in(new float[16 * 50]), KernelArg.in(new float[50 * 16]), KernelArg.out(new float[256]),
                KernelArg.of(16), KernelArg.of(16), KernelArg.of(50)), TIMEOUT));
    assertEquals(EmulatorException.Kind.SHARED_RACE, race.kind(), "the sanitizer names the race at its line");
    assertMentions(race.getMessage(), "missing_sync.cu:15: read-after-write race on shared memory", "As[0][0]");
    // with the sanitizer off the race still shows, as wrong values
    EmulatedModule module = checked.withSanitize(false);
    int m = 40, n = 35, k = 50;
    long seed = RandomInputs.newSeed();
    MatmulProblem p = MatmulProblem.random(m, n, k, seed);
    CheckReport report =
        Checker.run(
            "matmul_tiled", seed, p.expected(), p.inputs(), new float[m * n],
            out -> module.launch("matmul_tiled", dims(xyz(cdiv(n, 16), cdiv(m, 16)), xyz(16, 16), 0),
                    List.of(KernelArg.in(p.a()), KernelArg.in(p.b()), KernelArg.out(out), KernelArg.of(m), KernelArg.of(n), KernelArg.of(k)), TIMEOUT)
                .target(),
            16);
    assertFalse(report.passed(), "seed " + seed + ": the race must show as wrong values");
    assertTrue(report.wrongValues() > m * n / 2, "seed " + seed + ": " + report.wrongValues() + " wrong");
  }

  @Test
  void threadsThatReturnedDoNotHoldABarrierUpAsOnVoltaAndLater() {
    EmulatedModule module = Emulator.compile(kernel("bugs/divergent_barrier.cu"));
    int n = 1000;
    long seed = RandomInputs.newSeed();
    float[] x = RandomInputs.uniform(n, seed, "x");
    float[] sums = new float[4];
    module.launch("block_sum", dims(xyz(4), xyz(256), 0), List.of(KernelArg.in(x), KernelArg.out(sums), KernelArg.of(n)), TIMEOUT);
    for (int b = 0; b < 4; b++) {
      double expected = 0, magnitude = 0;
      for (int i = b * 256; i < Math.min(n, (b + 1) * 256); i++) {
        expected += x[i];
        magnitude += Math.abs(x[i]);
      }
      assertEquals(expected, sums[b], 256 * 0x1p-24 * magnitude, "seed " + seed + " block " + b);
    }
  }

  @Test
  void aBarrierReachedByPartOfTheBlockIsReported() {
    float[] y = new float[64];
    EmulatorException branches = fault(Kind.DIVERGENT_BARRIER, "bugs/divergent_barrier.cu", "half_barrier",
        dims(xyz(1), xyz(64), 0), KernelArg.inOut(y));
    assertReported(branches, 20, "divergent_barrier.cu:20: threads of one block wait at different"
        + " __syncthreads(): thread (0,0,0) at line 20, thread (32,0,0) at line 22", "kernel half_barrier");

    EmulatorException loop = fault(Kind.DIVERGENT_BARRIER, "bugs/divergent_barrier.cu", "uneven_loop",
        dims(xyz(2), xyz(48), 0), KernelArg.inOut(y));
    assertMentions(loop.getMessage(), "thread (0,0,0) at line 34, thread (1,0,0) at line 32");
  }

  @Test
  void aWarpOperationPartOfTheWarpNeverReachesIsReported() {
    float[] x = new float[32];
    EmulatorException e = fault(Kind.DIVERGENT_WARP, "bugs/warp_divergence.cu", "half_shuffle",
        dims(xyz(1), xyz(32), 0), KernelArg.inOut(x));
    assertReported(e, 5, "__shfl_down_sync at line 5 waits for lane 16", "had already returned");
  }

  @Test
  void aFailedAssertAndAStackOverflowStopTheKernelWithTheirThread() {
    EmulatedModule module = Emulator.compile(kernel("bugs/assert_and_printf.cu"));
    float[] ok = {1, 2, 3};
    LaunchResult fine = module.launch("checked", dims(xyz(1), xyz(32), 0), List.of(KernelArg.in(ok), KernelArg.of(3)), TIMEOUT);
    assertEquals("hello from thread 0 of 3\n", fine.printed());

    float[] x = {1, 2, -3, 4};
    EmulatorException failed = fault(Kind.CRASH, "bugs/assert_and_printf.cu", "checked",
        dims(xyz(1), xyz(32), 0), KernelArg.in(x), KernelArg.of(4));
    assertReported(failed, 6, "assert_and_printf.cu:6: assert(x[i] >= 0.0f) failed", "thread (2,0,0)",
        "the kernel printed before it stopped:\nhello from thread 0 of 4");

    float[] out = new float[4];
    EmulatorException overflow = fault(Kind.CRASH, "bugs/assert_and_printf.cu", "big_locals",
        dims(xyz(1), xyz(4), 0), KernelArg.out(out));
    assertMentions(overflow.getMessage(), "more than its 256 KiB stack", "thread (0,0,0)");
  }

  @Test
  void sharedMemoryTheBlockNeverWroteReadsAsNaN() {
    assertUnwrittenSharedReadsAsNaN("uninitialized_shared", "assert_and_printf.cu:22: uninitialised shared-memory read: tile[1]");
  }

  @Test
  void fileScopeSharedMemoryTheBlockNeverWroteReadsAsNaNInEveryBlock() {
    assertUnwrittenSharedReadsAsNaN("uninitialized_file_shared",
        "assert_and_printf.cu:30: uninitialised shared-memory read: fileTile[1]");
  }

  /**
   * The kernel's even threads fill the even slots of a shared array and every thread reads its neighbour's: the
   * sanitizer names the first read of an odd slot; without it the odd slots read as the poison, NaN, in each of three
   * blocks that one CPU thread runs one after another (each block starts from the poison, not the last one's writes).
   */
  private static void assertUnwrittenSharedReadsAsNaN(String kernel, String report) {
    EmulatedModule checked = Emulator.compile(kernel("bugs/assert_and_printf.cu"));
    EmulatorException unwritten = assertThrows(EmulatorException.class,
        () -> checked.launch(kernel, dims(xyz(3), xyz(64), 0), List.of(KernelArg.out(new float[3 * 64])), TIMEOUT));
    assertEquals(EmulatorException.Kind.SHARED_UNINITIALIZED_READ, unwritten.kind());
    assertMentions(unwritten.getMessage(), report);
    float[] out = new float[3 * 64];
    checked.withSanitize(false).withCpuThreads(1).launch(kernel, dims(xyz(3), xyz(64), 0), List.of(KernelArg.out(out)),
        TIMEOUT);
    for (int i = 0; i < out.length; i++) {
      int t = i % 64;
      if (t % 2 == 0) {
        assertTrue(Float.isNaN(out[i]), kernel + ": element " + i + " read an odd slot nobody wrote: " + out[i]);
      } else {
        assertEquals(t - 1, out[i], kernel + ": element " + i);
      }
    }
  }

  @Test
  void aRunawayKernelIsStoppedByItsTimeout() {
    EmulatedModule module = Emulator.compile(kernel("bugs/infinite_loop.cu"));
    float[] out = new float[64];
    long start = System.nanoTime();
    EmulatorException e = assertThrows(EmulatorException.class,
        () -> module.launch("fill", dims(xyz(1), xyz(64), 0), List.of(KernelArg.out(out), KernelArg.of(64)),
            Duration.ofMillis(700)));
    assertEquals(Kind.TIMEOUT, e.kind());
    assertMentions(e.getMessage(), "ran longer than its 700 ms timeout", "endless loop", "kernel fill",
        "thread (0,0,0)");
    assertTrue(e.line() == 4 || e.line() == 5, "the loop's line, got " + e.line() + ": " + e.getMessage());
    assertTrue(System.nanoTime() - start < 20e9, "stopped promptly");
  }

  @Test
  void unsupportedIntrinsicsAreNamedAtCompileTime() {
    EmulatorException sleep = assertThrows(EmulatorException.class, () -> Emulator.compile(kernel("bugs/unsupported.cu")));
    assertEquals(Kind.UNSUPPORTED, sleep.kind());
    assertReported(sleep, 3, "unsupported.cu:3", "the emulator does not support __nanosleep");

    EmulatorException unknown =
        assertThrows(EmulatorException.class, () -> Emulator.compile(kernel("bugs/unknown_intrinsic.cu")));
    assertEquals(Kind.UNSUPPORTED, unknown.kind());
    assertMentions(unknown.getMessage(), "unknown_intrinsic.cu:3", "does not support __fancy_fast_exp");

    EmulatorException ptx = assertThrows(EmulatorException.class, () -> Emulator.compile(kernel("bugs/inline_ptx.cu")));
    assertEquals(Kind.UNSUPPORTED, ptx.kind());
    assertMentions(ptx.getMessage(), "inline_ptx.cu:4", "inline PTX assembly");
  }

  @Test
  void missingCudaLibrariesAndWrongInstantiationsAreExplained() {
    EmulatorException cub = assertThrows(EmulatorException.class, () -> Emulator.compile(
        "// uses CUB\n#include <cub/cub.cuh>\n__global__ void k(float* x) { x[0] = 1; }\n", "with_cub.cu"));
    assertEquals(Kind.UNSUPPORTED, cub.kind());
    assertReported(cub, 2, "with_cub.cu:2: the emulator does not provide cub/cub.cuh");

    EmulatorException instantiation = assertThrows(EmulatorException.class,
        () -> Emulator.compile(kernel("matmul_tiled.cu"), List.of("matmul_template<8, 2>")));
    assertEquals(Kind.COMPILE_ERROR, instantiation.kind());
    assertMentions(instantiation.getMessage(), "the instantiation 'matmul_template<8,2>' does not fit its kernel"
        + " template in matmul_tiled.cu");
  }

  @Test
  void compileErrorsShowTheUsersOwnLines() {
    EmulatorException e = assertThrows(EmulatorException.class, () -> Emulator.compile(kernel("bugs/syntax_error.cu")));
    assertEquals(Kind.COMPILE_ERROR, e.kind());
    assertTrue(e.line() == 4 || e.line() == 5, "line " + e.line() + ": " + e.getMessage());
    assertMentions(e.getMessage(), "syntax_error.cu does not compile", "syntax_error.cu:" + e.line() + ":",
        "expected ';'");
    assertFalse(e.getMessage().contains("kp_cuda.h"), e.getMessage());
  }

  @Test
  void aTemplateThatCannotTakeACheckedPointerGetsAHint() {
    String source = "template <typename T>\n__device__ T first(const T* p) { return p[0]; }\n"
        + "__global__ void k(const float* x, float* y) {\n  y[0] = first(x);\n}\n";
    EmulatorException e = assertThrows(EmulatorException.class, () -> Emulator.compile(source, "deduce.cu"));
    assertEquals(Kind.COMPILE_ERROR, e.kind());
    assertReported(e, 4, "deduce.cu:4:", "checked pointers, kp::gptr<T>", "&x[0]");
    EmulatedModule fixed = Emulator.compile(source.replace("first(x)", "first(&x[0])"), "deduce.cu");
    float[] y = new float[1];
    fixed.launch("k", dims(xyz(1), xyz(1), 0), List.of(KernelArg.in(new float[] {3f}), KernelArg.out(y)), TIMEOUT);
    assertEquals(3f, y[0]);
  }
}
