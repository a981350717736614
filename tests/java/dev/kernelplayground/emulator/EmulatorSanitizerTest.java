package dev.kernelplayground.emulator;

import static dev.kernelplayground.emulator.EmulatorFixtures.TIMEOUT;
import static dev.kernelplayground.emulator.EmulatorFixtures.dims;
import static dev.kernelplayground.emulator.EmulatorFixtures.kernel;
import static dev.kernelplayground.emulator.EmulatorFixtures.xyz;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.cudasource.KernelArg;
import dev.kernelplayground.cudasource.LaunchDims;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator as a sanitizer for shared memory: planted bugs (tests/resources/emulator/sanitizer) get
 * their promised first line, and correct kernels that use shared memory every usual way get none.
 */
class EmulatorSanitizerTest {
  @BeforeEach
  void needsCompiler() {
    EmulatorFixtures.assumeCompiler();
  }

  /** Launches {@code kernel} of {@code file}, which must stop with a shared-memory bounds fault, and returns it. */
  private static EmulatorException sharedOutOfBounds(String file, String kernel, LaunchDims dims, KernelArg... args) {
    EmulatedModule module = Emulator.compile(kernel(file));
    EmulatorException e =
        assertThrows(EmulatorException.class, () -> module.launch(kernel, dims, List.of(args), TIMEOUT));
    assertEquals(EmulatorException.Kind.SHARED_OUT_OF_BOUNDS, e.kind(), e.getMessage());
    return e;
  }

  private static String firstLine(EmulatorException e) {
    return e.getMessage().lines().findFirst().orElse("");
  }

  @Test
  void aSharedReadOnePastATileNamesTheIndexTheBoundAndTheThread() {
    EmulatorException e = sharedOutOfBounds("sanitizer/shared_read_past_tile.cu", "stencil3",
        dims(xyz(1), xyz(128), 0), KernelArg.in(new float[128]), KernelArg.out(new float[128]), KernelArg.of(128));
    assertEquals("shared_read_past_tile.cu:8: out-of-bounds shared-memory read: s[128], but s has 128 elements"
        + " (float, indices 0..127) (kernel stencil3, block (0,0,0), thread (127,0,0))", firstLine(e));
    assertEquals(8, e.line());
    assertEquals("(127,0,0)", e.thread().orElseThrow());
  }

  @Test
  void aTwoDimensionalTileIndexSwappedAtTheEdgeNamesEveryIndex() {
    EmulatorException e = sharedOutOfBounds("sanitizer/tile_index_swapped.cu", "transpose",
        dims(xyz(1, 1), xyz(32, 32), 0), KernelArg.in(new float[1024]), KernelArg.out(new float[1024]), KernelArg.of(32));
    assertEquals("tile_index_swapped.cu:8: out-of-bounds shared-memory read: tile[31][32], but tile is"
        + " float[32][32] (index 32 is past its bound 32: indices 0..31) (kernel transpose, block (0,0,0),"
        + " thread (31,3,0))", firstLine(e));
  }

  @Test
  void aDynamicSharedOverrunThroughAnOffsetPointerIsCaughtAtItsLine() {
    EmulatorException e = sharedOutOfBounds("sanitizer/dynamic_overrun.cu", "two_arrays",
        dims(xyz(1), xyz(64), 1024), KernelArg.in(new float[64]), KernelArg.out(new float[64]), KernelArg.of(64));
    assertEquals("dynamic_overrun.cu:6: out-of-bounds shared-memory write: smem[256], but smem (extern __shared__,"
        + " the launch's 1024 bytes of dynamic shared memory) has 256 elements (float, indices 0..255)"
        + " (kernel two_arrays, block (0,0,0), thread (48,0,0))", firstLine(e));
  }

  @Test
  void correctKernelsThatUseSharedMemoryAreNotReported() {
    EmulatedModule module = Emulator.compile(kernel("sanitizer/correct_shared.cu"));
    int n = 4096;
    int[] x = new int[n];
    for (int i = 0; i < n; i++) {
      x[i] = i * 7;
    }
    int[] bins = new int[64];
    module.launch("histogram", dims(xyz(4), xyz(128), 0),
        List.of(KernelArg.in(x), KernelArg.inOut(bins), KernelArg.of(n)), TIMEOUT);
    assertEquals(n, java.util.Arrays.stream(bins).sum());

    float[] in = new float[64 * 64];
    for (int i = 0; i < in.length; i++) {
      in[i] = i;
    }
    float[] out = new float[64 * 64];
    module.launch("transpose_padded", dims(xyz(2, 2), xyz(32, 32), 0),
        List.of(KernelArg.in(in), KernelArg.out(out), KernelArg.of(64)), TIMEOUT);
    assertEquals(in[1 * 64 + 2], out[2 * 64 + 1]);

    float[] ones = new float[1024];
    java.util.Arrays.fill(ones, 1.0f);
    float[] sums = new float[4];
    module.launch("block_sum", dims(xyz(4), xyz(256), 0),
        List.of(KernelArg.in(ones), KernelArg.out(sums), KernelArg.of(1024)), TIMEOUT);
    assertArrayEquals(new float[] {256, 256, 256, 256}, sums);

    float[] warp = new float[1];
    module.launch("warp_reduce_syncwarp", dims(xyz(1), xyz(32), 0),
        List.of(KernelArg.in(java.util.Arrays.copyOf(ones, 32)), KernelArg.out(warp)), TIMEOUT);
    assertEquals(32.0f, warp[0]);

    float[] acc = new float[64];
    module.launch("double_buffered", dims(xyz(1), xyz(64), 0),
        List.of(KernelArg.in(java.util.Arrays.copyOf(ones, 256)), KernelArg.out(acc), KernelArg.of(4)), TIMEOUT);
    assertEquals(4.0f, acc[0]);

    float[] y = new float[64];
    module.launch("dynamic_two_arrays", dims(xyz(1), xyz(64), 64 * 4 + 64 * 8),
        List.of(KernelArg.in(java.util.Arrays.copyOf(ones, 64)), KernelArg.out(y)), TIMEOUT);
    assertEquals(2.0f, y[0]);
  }

  @Test
  void aRaceThatOnlyTheReverseScheduleExposesByItsValues() {
    // the values, with the race detector off (it would stop the kernel at the race)
    EmulatedModule module = Emulator.compile(kernel("sanitizer/reverse_only_race.cu")).withSanitize(false);
    float[] x = new float[64];
    for (int i = 0; i < 64; i++) {
      x[i] = i;
    }
    float[] forward = new float[64];
    float[] reverse = new float[64];
    float[] random = new float[64];
    module.launch("shift_double", dims(xyz(1), xyz(64), 0),
        List.of(KernelArg.in(x), KernelArg.out(forward), KernelArg.of(64)), TIMEOUT);
    module.withSchedule(Schedule.REVERSE).launch("shift_double", dims(xyz(1), xyz(64), 0),
        List.of(KernelArg.in(x), KernelArg.out(reverse), KernelArg.of(64)), TIMEOUT);
    assertEquals(2.0f, forward[0], "thread order hides the race");
    assertEquals(0.0f, reverse[0], "reverse order: each neighbour already overwrote its slot; thread 63's 0 runs down");
    Schedule seeded = Schedule.parse("random:7");
    assertEquals("random:7", seeded.toString());
    float[] again = new float[64];
    module.withSchedule(seeded).launch("shift_double", dims(xyz(1), xyz(64), 0),
        List.of(KernelArg.in(x), KernelArg.out(random), KernelArg.of(64)), TIMEOUT);
    module.withSchedule(seeded).launch("shift_double", dims(xyz(1), xyz(64), 0),
        List.of(KernelArg.in(x), KernelArg.out(again), KernelArg.of(64)), TIMEOUT);
    assertArrayEquals(random, again, "a seed replays its order");
  }

  private static EmulatorException race(EmulatedModule module, String kernel, int threads, List<KernelArg> args) {
    return assertThrows(EmulatorException.class, () -> module.launch(kernel, dims(xyz(1), xyz(threads), 0), args, TIMEOUT));
  }

  private static List<KernelArg> inOut64() {
    return List.of(KernelArg.in(new float[64]), KernelArg.out(new float[64]), KernelArg.of(64));
  }

  @Test
  void theRaceDetectorNamesTheReverseOnlyRaceInEverySchedule() {
    EmulatedModule module = Emulator.compile(kernel("sanitizer/reverse_only_race.cu"));
    EmulatorException forward = race(module, "shift_double", 64, inOut64());
    assertEquals(EmulatorException.Kind.SHARED_RACE, forward.kind());
    assertEquals("reverse_only_race.cu:10: write-after-read race on shared memory: thread (1,0,0) writes s[1], which"
        + " thread (0,0,0) read at line 9, with no __syncthreads() or __syncwarp() between them (an intra-warp hazard:"
        + " the lanes of a warp are not in lockstep since Volta) (kernel shift_double, block (0,0,0), thread (1,0,0))",
        firstLine(forward));
    EmulatorException reverse = race(module.withSchedule(Schedule.REVERSE), "shift_double", 64, inOut64());
    assertEquals(EmulatorException.Kind.SHARED_RACE, reverse.kind());
    assertEquals("reverse_only_race.cu:9: read-after-write race on shared memory: thread (62,0,0) reads s[63], which"
        + " thread (63,0,0) wrote at line 10, with no __syncthreads() or __syncwarp() between them (an intra-warp"
        + " hazard: the lanes of a warp are not in lockstep since Volta) (kernel shift_double, block (0,0,0), thread"
        + " (62,0,0))", firstLine(reverse));
    for (long seed : new long[] {1, 7, 99}) {
      EmulatorException random = race(module.withSchedule(Schedule.random(seed)), "shift_double", 64, inOut64());
      assertEquals(EmulatorException.Kind.SHARED_RACE, random.kind(), "random:" + seed);
    }
    module.withSanitize(false).launch("shift_double", dims(xyz(1), xyz(64), 0), inOut64(), TIMEOUT);
  }

  @Test
  void writeAfterReadReadNeighbourThenWriteOwnSlot() {
    EmulatorException e = race(Emulator.compile(kernel("sanitizer/war_neighbour.cu")), "smooth", 64, inOut64());
    assertEquals(EmulatorException.Kind.SHARED_RACE, e.kind());
    assertEquals("war_neighbour.cu:8: write-after-read race on shared memory: thread (1,0,0) writes s[1], which"
        + " thread (0,0,0) read at line 7, with no __syncthreads() or __syncwarp() between them (an intra-warp hazard:"
        + " the lanes of a warp are not in lockstep since Volta) (kernel smooth, block (0,0,0), thread (1,0,0))",
        firstLine(e));
    assertEquals(8, e.line());
    assertEquals("(1,0,0)", e.thread().orElseThrow());
    assertEquals(7, e.otherLine());
    assertEquals("(0,0,0)", e.otherThread().orElseThrow());
  }

  @Test
  void aMissingBarrierBeforeASharedReadIsReportedAtTheRead() {
    EmulatorException e = race(Emulator.compile(kernel("sanitizer/raw_missing_barrier.cu")), "reverse_block", 64,
        inOut64());
    assertEquals(EmulatorException.Kind.SHARED_UNINITIALIZED_READ, e.kind());
    assertEquals("raw_missing_barrier.cu:6: uninitialised shared-memory read: s[63] (float) was never written by any"
        + " thread of this block before this read (a missing __syncthreads(), or a slot no thread fills) (kernel"
        + " reverse_block, block (0,0,0), thread (0,0,0))", firstLine(e));
  }

  @Test
  void writeAfterWriteToOneSlot() {
    EmulatorException e = race(Emulator.compile(kernel("sanitizer/waw_same_slot.cu")), "last_writer", 64,
        List.of(KernelArg.in(new float[64]), KernelArg.out(new float[64])));
    assertEquals(EmulatorException.Kind.SHARED_RACE, e.kind());
    assertEquals("waw_same_slot.cu:5: write-after-write race on shared memory: thread (1,0,0) writes best[0], which"
        + " thread (0,0,0) wrote at line 5, with no __syncthreads() or __syncwarp() between them (an intra-warp hazard:"
        + " the lanes of a warp are not in lockstep since Volta) (kernel last_writer, block (0,0,0), thread (1,0,0))",
        firstLine(e));
  }

  @Test
  void aReadOfASlotNoThreadWritesIsAnUninitialisedRead() {
    EmulatorException e = race(Emulator.compile(kernel("sanitizer/uninitialized_read.cu")), "half_filled", 64,
        List.of(KernelArg.in(new float[64]), KernelArg.out(new float[64])));
    assertEquals(EmulatorException.Kind.SHARED_UNINITIALIZED_READ, e.kind());
    assertEquals(7, e.line());
    assertEquals("(0,0,0)", e.thread().orElseThrow());
  }

  @Test
  void anIntraWarpRaceWithoutSyncwarp() {
    EmulatorException e = race(Emulator.compile(kernel("sanitizer/intra_warp_race.cu")), "warp_sum", 32,
        List.of(KernelArg.in(new float[32]), KernelArg.out(new float[1])));
    assertEquals(EmulatorException.Kind.SHARED_RACE, e.kind());
    assertEquals("intra_warp_race.cu:8: write-after-read race on shared memory: thread (3,0,0) writes s[3], which"
        + " thread (1,0,0) read at line 8, with no __syncthreads() or __syncwarp() between them (an intra-warp hazard:"
        + " the lanes of a warp are not in lockstep since Volta) (kernel warp_sum, block (0,0,0), thread (3,0,0))",
        firstLine(e));
  }

  @Test
  void aMissingBarrierBetweenWarpsInDynamicSharedMemoryIsARaceAtTheReadInEveryOrder() {
    EmulatedModule module = Emulator.compile(kernel("sanitizer/dynamic_race.cu"));
    List<KernelArg> args = List.of(KernelArg.in(new float[128]), KernelArg.out(new float[1]));
    LaunchDims dims = dims(xyz(1), xyz(128), 16);
    EmulatorException reverse = assertThrows(EmulatorException.class,
        () -> module.withSchedule(Schedule.REVERSE).launch("block_sum", dims, args, TIMEOUT));
    assertEquals(EmulatorException.Kind.SHARED_RACE, reverse.kind(), reverse.getMessage());
    assertEquals("dynamic_race.cu:12: read-after-write race on shared memory: thread (0,0,0) reads partial[1], which"
        + " thread (32,0,0) wrote at line 9, with no __syncthreads() between them (kernel block_sum, block (0,0,0),"
        + " thread (0,0,0))", firstLine(reverse));
    for (Schedule schedule : List.of(Schedule.FORWARD, Schedule.random(3), Schedule.random(11))) {
      EmulatorException other = assertThrows(EmulatorException.class,
          () -> module.withSchedule(schedule).launch("block_sum", dims, args, TIMEOUT));
      // a race, or (when thread 0 runs before warp 1 wrote) a read of a slot not written yet: at the read, always
      assertTrue(Set.of(EmulatorException.Kind.SHARED_RACE, EmulatorException.Kind.SHARED_UNINITIALIZED_READ)
          .contains(other.kind()), schedule + ": " + other.getMessage());
      assertEquals(12, other.line(), schedule + ": " + other.getMessage());
    }
    module.withSanitize(false).launch("block_sum", dims, args, TIMEOUT);
  }

  @Test
  void aDynamicSharedReadBeforeAnyWriteIsAnUninitialisedRead() {
    EmulatedModule module = Emulator.compile(kernel("sanitizer/dynamic_race.cu"));
    EmulatorException e = assertThrows(EmulatorException.class, () -> module.launch("read_first",
        dims(xyz(1), xyz(64), 256), List.of(KernelArg.in(new float[64]), KernelArg.out(new float[64])), TIMEOUT));
    assertEquals(EmulatorException.Kind.SHARED_UNINITIALIZED_READ, e.kind(), e.getMessage());
    assertEquals("dynamic_race.cu:21: uninitialised shared-memory read: partial[1] (float) was never written by any"
        + " thread of this block before this read (a missing __syncthreads(), or a slot no thread fills) (kernel"
        + " read_first, block (0,0,0), thread (0,0,0))", firstLine(e));
  }
}
