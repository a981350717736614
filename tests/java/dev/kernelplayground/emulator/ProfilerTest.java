package dev.kernelplayground.emulator;

import static dev.kernelplayground.emulator.EmulatorFixtures.TIMEOUT;
import static dev.kernelplayground.emulator.EmulatorFixtures.cdiv;
import static dev.kernelplayground.emulator.EmulatorFixtures.dims;
import static dev.kernelplayground.emulator.EmulatorFixtures.kernel;
import static dev.kernelplayground.emulator.EmulatorFixtures.xyz;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.cudasource.KernelArg;
import dev.kernelplayground.cudasource.LaunchDims;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.profile.AccessOp;
import dev.kernelplayground.profile.KernelProfile;
import dev.kernelplayground.profile.LineCounts;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The profiler's counts against hand-computed ones (tests/resources/emulator/profile/counting.cu): sectors per
 * warp request for coalesced, strided, vector, misaligned and partly active accesses; shared-memory wavefronts
 * for bank conflicts, padding, broadcasts and 64-bit elements; unique sectors. Sizes are drawn at random (the seed
 * is in every message); the kernels' inputs are random too, and profiling must not change what they compute.
 */
class ProfilerTest {
  private static final long SEED = RandomInputs.newSeed();
  private static EmulatedModule plain;
  private static EmulatedModule profiled;

  @BeforeAll
  static void compile() {
    if (Emulator.available()) {
      plain = Emulator.compile(kernel("profile/counting.cu"));
      profiled = plain.withProfiling(true);
    }
  }

  @BeforeEach
  void needsCompiler() {
    EmulatorFixtures.assumeCompiler();
  }

  private static String why() {
    return "seed " + SEED;
  }

  /** Runs {@code kernel} over n lanes (blocks of 128) profiled, checks it wrote what the plain run writes. */
  private static KernelProfile run(String kernel, int lanes, float[] x, int outLength, int scalar) {
    float[] plainOut = new float[outLength];
    float[] profiledOut = new float[outLength];
    LaunchDims dims = dims(xyz(cdiv(lanes, 128)), xyz(128), 0);
    LaunchResult first = plain.launch(kernel, dims,
        List.of(KernelArg.in(x), KernelArg.out(plainOut), KernelArg.of(scalar)), TIMEOUT);
    assertNull(first.profile(), "a plain launch counts nothing");
    LaunchResult counted = profiled.launch(kernel, dims,
        List.of(KernelArg.in(x), KernelArg.out(profiledOut), KernelArg.of(scalar)), TIMEOUT);
    assertArrayEquals(plainOut, profiledOut, "counting changed the kernel's results; " + why());
    return counted.profile();
  }

  private static float[] random(int n) {
    return RandomInputs.uniform(n, SEED, "x");
  }

  private static int randomSize() {
    return new SplittableRandom(SEED).nextInt(1000, 5000);
  }

  @Test
  void aCoalescedFourByteLoadTakesFourSectorsPerFullWarpAndAPartialWarpFewer() {
    int n = randomSize();
    KernelProfile p = run("copy_coalesced", n, random(n), n, n);
    LineCounts load = p.total(AccessOp.GLOBAL_LOAD);
    assertEquals(cdiv(n, 32), load.requests(), why());
    assertEquals(4L * (n / 32) + cdiv(n % 32, 8), load.sectors(), why());
    assertEquals(4L * n, load.bytes(), why());
    assertEquals(n, load.laneAccesses(), why());
    assertEquals(cdiv(n * 4, 32), p.uniqueSectorsRead(), why());
    assertEquals(cdiv(n * 4, 32), p.uniqueSectorsWritten(), why());
  }

  @Test
  void lanesThatMakeDifferentNumbersOfAccessesFormRequestsByTheirKthExecution() {
    int warps = 1 + new SplittableRandom(SEED).nextInt(40);
    int n = 32 * warps;
    KernelProfile p = run("uneven_loops", n, random(256 * warps), n, n);
    LineCounts load = p.total(AccessOp.GLOBAL_LOAD);
    // Per warp and loop, the j-th executions are 4 requests of 32, 24, 16 and 8 lanes, each lane reading its column
    // of one row of 32 floats: 4 sectors a request. Lanes read 1 to 4 rows a loop, 8 lanes each: 80 accesses.
    assertEquals(8L * warps, load.requests(), why());
    assertEquals(32L * warps, load.sectors(), why());
    assertEquals(160L * warps, load.laneAccesses(), why());
    assertEquals(4 * 160L * warps, load.bytes(), why());
    assertEquals(32L * warps, p.uniqueSectorsRead(), why());
  }

  @Test
  void aHalfActiveWarpAsksForHalfTheSectors() {
    int warps = 1 + new SplittableRandom(SEED).nextInt(40);
    int n = 32 * warps + 16;
    LineCounts load = run("copy_coalesced", n, random(n), n, n).total(AccessOp.GLOBAL_LOAD);
    assertEquals(warps + 1, load.requests(), why());
    assertEquals(4L * warps + 2, load.sectors(), why());
  }

  @Test
  void aStrideOf128BytesGivesEveryLaneItsOwnSector() {
    int n = randomSize();
    LineCounts load = run("gather_stride32", n, random(n * 32), n, n).total(AccessOp.GLOBAL_LOAD);
    assertEquals(cdiv(n, 32), load.requests(), why());
    assertEquals(n, load.sectors(), why());
    assertEquals(32.0, run("gather_stride32", 64, random(64 * 32), 64, 64).total(AccessOp.GLOBAL_LOAD).sectorsPerRequest());
    assertEquals(12.5, load.efficiencyPercent(), 1e-9, why());
  }

  @Test
  void aCoalescedFloat4LoadIsOneRequestOfSixteenSectors() {
    int n4 = randomSize();
    LineCounts load = run("copy_float4", n4, random(4 * n4), 4 * n4, n4).total(AccessOp.GLOBAL_LOAD);
    assertEquals(cdiv(n4, 32), load.requests(), why());
    assertEquals(16L * (n4 / 32) + cdiv(n4 % 32, 2), load.sectors(), why());
    assertEquals(16L * n4, load.bytes(), why());
  }

  @Test
  void aThreadsLoopOverItsOwnRowCountsTheScalarLoadsItWroteThoughThePlainBuildVectorisesIt() {
    int blocks = 1 + new SplittableRandom(SEED).nextInt(20);
    int n = 128 * blocks;
    LineCounts load = run("shared_rows8", n, random(8 * n), n, n).total(AccessOp.SHARED_LOAD);
    // the j-th load of a warp's lanes: word 8·lane + j, so lanes 4 apart share a bank with another word: 8 wavefronts;
    // the last line's read of copy[8·lane] is a ninth request of the same shape
    assertEquals(4L * blocks * 9, load.requests(), why());
    assertEquals(9L * n, load.laneAccesses(), why());
    assertEquals(36L * n, load.bytes(), why());
    assertEquals(8.0, load.wavefrontsPerRequest(), why());
  }

  @Test
  void phasesWhoseSequencesOfAccessesChangeAreCountedPhaseByPhase() {
    SplittableRandom random = new SplittableRandom(SEED);
    int blocks = 1 + random.nextInt(6);
    int phases = 4 + random.nextInt(6);
    KernelProfile p = run("changing_phases", 128 * blocks, random(1024 * blocks), 128 * blocks, phases);
    // per block and phase, 4 warps: A one coalesced request each (4 sectors); B and D only once (D 8 bytes a lane:
    // 8 sectors); C the even lanes, 16 a request, 8 bytes apart (4 sectors)
    LineCounts a = line(p, "// A", AccessOp.GLOBAL_LOAD);
    assertEquals(4L * phases * blocks, a.requests(), why());
    assertEquals(16L * phases * blocks, a.sectors(), why());
    LineCounts b = line(p, "// B", AccessOp.GLOBAL_LOAD);
    assertEquals(4L * blocks, b.requests(), why());
    assertEquals(16L * blocks, b.sectors(), why());
    LineCounts d = line(p, "// D", AccessOp.GLOBAL_LOAD);
    assertEquals(4L * blocks, d.requests(), why());
    assertEquals(32L * blocks, d.sectors(), why());
    LineCounts c = line(p, "// C", AccessOp.GLOBAL_STORE);
    assertEquals(4L * blocks, c.requests(), why());
    assertEquals(16L * blocks, c.sectors(), why());
    assertEquals(64L * blocks, c.laneAccesses(), why());
  }

  @Test
  void aPhaseShorterThanTheOneBeforeCountsOnlyItsOwnLoads() {
    SplittableRandom random = new SplittableRandom(SEED);
    int blocks = 1 + random.nextInt(4);
    int phases = 4 + random.nextInt(6);
    long loads = 0;  // a thread's loads: k % 3 + 1 in phase k
    for (int k = 0; k < phases; k++) {
      loads += k % 3 + 1;
    }
    LineCounts r = line(run("repeating_loads", 128 * blocks, random(512 * blocks), 128 * blocks, phases), "// R",
        AccessOp.GLOBAL_LOAD);
    assertEquals(4 * blocks * loads, r.requests(), why());
    assertEquals(16 * blocks * loads, r.sectors(), why());
    assertEquals(128 * blocks * loads, r.laneAccesses(), why());
  }

  @Test
  void theCountsDoNotDependOnTheOrderTheThreadsRunIn() {
    // the profiler keeps the running lane's place and earlier phases' sequences: lanes of other warps in between, or
    // the last lane first, must not change which accesses form a request
    SplittableRandom random = new SplittableRandom(SEED);
    int blocks = 1 + random.nextInt(4);
    int phases = 4 + random.nextInt(4);
    float[] x = random(1024 * blocks);
    List<KernelArg> args = List.of(KernelArg.in(x), KernelArg.out(new float[128 * blocks]), KernelArg.of(phases));
    LaunchDims dims = dims(xyz(blocks), xyz(128), 0);
    KernelProfile forward = profiled.launch("changing_phases", dims, args, TIMEOUT).profile();
    for (Schedule order : List.of(Schedule.REVERSE, Schedule.random(SEED))) {
      KernelProfile other = profiled.withSchedule(order).launch("changing_phases", dims, args, TIMEOUT).profile();
      assertEquals(forward.lines(), other.lines(), order + ", " + why());
      assertEquals(forward.uniqueSectorsRead(), other.uniqueSectorsRead(), order + ", " + why());
    }
  }

  @Test
  void aLoadMisalignedByOneElementTakesFiveSectors() {
    int n = randomSize();
    LineCounts load = run("copy_shifted", n, random(n + 1), n, n).total(AccessOp.GLOBAL_LOAD);
    int partial = n % 32;
    assertEquals(5L * (n / 32) + (partial == 0 ? 0 : 1 + (4 * partial + 3) / 32), load.sectors(), why());
    assertEquals(5.0, run("copy_shifted", 64, random(65), 64, 64).total(AccessOp.GLOBAL_LOAD).sectorsPerRequest());
  }

  @Test
  void aBufferReadTwiceCountsItsSectorsTwiceButItsUniqueSectorsOnce() {
    int n = 32 * (1 + new SplittableRandom(SEED).nextInt(100));
    KernelProfile p = run("read_twice", n, random(n), n, n);
    assertEquals(2L * n / 8, p.total(AccessOp.GLOBAL_LOAD).sectors(), why());
    assertEquals(n / 8, p.uniqueSectorsRead(), why());
    assertEquals(n / 8, p.uniqueSectorsWritten(), why());
    assertEquals(32L * (n / 8 + n / 8), p.compulsoryDramBytes(), why());
  }

  /** The line of kernel {@code p} whose text contains {@code text}, for one op. */
  private static LineCounts line(KernelProfile p, String text, AccessOp op) {
    return p.lines().stream().filter(l -> l.op() == op && l.source().contains(text)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + op + " line with '" + text + "' in " + p.lines()));
  }

  private static KernelProfile oneWarp(String kernel, int scalar) {
    float[] out = new float[32];
    return profiled.launch(kernel, dims(xyz(1), xyz(32), 0),
        List.of(KernelArg.in(random(1024)), KernelArg.out(out), KernelArg.of(scalar)), TIMEOUT).profile();
  }

  @Test
  void aTileReadByColumnTakes32WavefrontsAndOnePaddedToThirtyThreeColumns() {
    LineCounts columns = line(oneWarp("tile_columns", 0), "padded ? paddedTile", AccessOp.SHARED_LOAD);
    assertEquals(32, columns.requests());
    assertEquals(32 * 32, columns.wavefronts());
    LineCounts padded = line(oneWarp("tile_columns", 1), "padded ? paddedTile", AccessOp.SHARED_LOAD);
    assertEquals(32, padded.requests());
    assertEquals(32, padded.wavefronts());
  }

  @Test
  void fileScopeSharedArraysAndWordsAreSharedMemoryInEveryBlock() {
    int blocks = new SplittableRandom(SEED).nextInt(2, 7);
    float[] x = random(blocks * 1024);
    for (int padded = 0; padded <= 1; padded++) {
      float[] plainOut = new float[blocks * 32];
      float[] profiledOut = new float[blocks * 32];
      LaunchDims dims = dims(xyz(blocks), xyz(32), 0);
      plain.launch("file_scope_tiles", dims, List.of(KernelArg.in(x), KernelArg.out(plainOut), KernelArg.of(padded)),
          TIMEOUT);
      KernelProfile p = profiled.launch("file_scope_tiles", dims,
          List.of(KernelArg.in(x), KernelArg.out(profiledOut), KernelArg.of(padded)), TIMEOUT).profile();
      assertArrayEquals(plainOut, profiledOut, "counting changed the kernel's results; " + why());
      for (int b = 0; b < blocks; b++) {
        for (int lane = 0; lane < 32; lane++) {
          double sum = x[b * 1024];
          for (int c = 0; c < 32; c++) {
            sum += x[b * 1024 + lane * 32 + c];
          }
          assertEquals(sum, plainOut[b * 32 + lane], 1e-3, "block " + b + " lane " + lane + "; " + why());
        }
      }
      LineCounts columns = line(p, "padded ? filePadded", AccessOp.SHARED_LOAD);
      assertEquals(blocks * 32, columns.requests(), why());
      assertEquals(blocks * 32 * (padded == 1 ? 1 : 32), columns.wavefronts(), "padded " + padded + "; " + why());
      LineCounts rows = line(p, "fileTile[c][lane] = rows", AccessOp.SHARED_STORE);
      assertEquals(blocks * 32, rows.wavefronts(), "a row written by a warp: one wavefront; " + why());
      LineCounts word = line(p, "s + fileWord", AccessOp.SHARED_LOAD);
      assertEquals(blocks, word.requests(), why());
      assertEquals(blocks, word.wavefronts(), "a word every lane reads: a broadcast; " + why());
      assertTrue(p.lines().stream().noneMatch(l -> l.source().contains("padded ? filePadded") && !l.op().shared()),
          "the tiles' reads are shared loads only: " + p.lines());
    }
  }

  @Test
  void aWordEveryLaneReadsIsABroadcastOfOneWavefront() {
    LineCounts broadcast = line(oneWarp("tile_columns", 0), "tile[7][3]", AccessOp.SHARED_LOAD);
    assertEquals(1, broadcast.requests());
    assertEquals(1, broadcast.wavefronts());
    assertEquals(128, broadcast.bytes());
  }

  @Test
  void float2SharedAccessesAreServedPerHalfWarp() {
    LineCounts contiguous = line(oneWarp("shared_float2", 1), "pairs[lane * stride]", AccessOp.SHARED_LOAD);
    assertEquals(1, contiguous.requests());
    assertEquals(2, contiguous.wavefronts(), "conflict-free 64-bit: one wavefront per half-warp");
    LineCounts strided = line(oneWarp("shared_float2", 2), "pairs[lane * stride]", AccessOp.SHARED_LOAD);
    assertEquals(4, strided.wavefronts(), "a stride of two float2: two words per bank in each half-warp");
  }
}
