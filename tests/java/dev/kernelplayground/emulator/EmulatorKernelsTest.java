package dev.kernelplayground.emulator;

import static dev.kernelplayground.emulator.EmulatorFixtures.TIMEOUT;
import static dev.kernelplayground.emulator.EmulatorFixtures.cdiv;
import static dev.kernelplayground.emulator.EmulatorFixtures.dims;
import static dev.kernelplayground.emulator.EmulatorFixtures.kernel;
import static dev.kernelplayground.emulator.EmulatorFixtures.xyz;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.check.Arithmetic;
import dev.kernelplayground.check.CheckReport;
import dev.kernelplayground.check.Checker;
import dev.kernelplayground.check.Expected;
import dev.kernelplayground.check.OutputLayout;
import dev.kernelplayground.check.Tolerance;
import dev.kernelplayground.cudasource.KernelArg;
import dev.kernelplayground.device.Backend;
import dev.kernelplayground.problem.MatmulProblem;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.problem.VectorAddProblem;
import dev.kernelplayground.reference.LowPrecision;
import dev.kernelplayground.reference.MatmulReference;
import dev.kernelplayground.reference.SoftmaxReference;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The test kernels under tests/resources/emulator run on the emulator and pass the project's checks
 * against the float64 references, with fresh random inputs (the seed is in every failure message) and
 * shapes that are not multiples of the tile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmulatorKernelsTest {
  private EmulatedModule vectorAdd;
  private EmulatedModule matmul;
  private EmulatedModule softmax;
  private EmulatedModule atomics;
  private EmulatedModule lowPrecision;
  private EmulatedModule wmma;
  private EmulatedModule misc;

  @BeforeAll
  void compile() {
    EmulatorFixtures.assumeCompiler();
    // Compiled side by side: each compile is a child process.
    var vectorAddBuild = CompletableFuture.supplyAsync(() -> Emulator.compile(kernel("vector_add.cu")));
    var matmulBuild = CompletableFuture.supplyAsync(
        () -> Emulator.compile(kernel("matmul_tiled.cu"), List.of("matmul_template<8>", "matmul_template< 5 >")));
    var softmaxBuild = CompletableFuture.supplyAsync(() -> Emulator.compile(kernel("softmax.cu")));
    var atomicsBuild = CompletableFuture.supplyAsync(() -> Emulator.compile(kernel("atomics.cu")));
    var lowPrecisionBuild = CompletableFuture.supplyAsync(() -> Emulator.compile(kernel("lowp.cu")));
    var wmmaBuild = CompletableFuture.supplyAsync(() -> Emulator.compile(kernel("wmma_matmul.cu")));
    var miscBuild = CompletableFuture.supplyAsync(() -> Emulator.compile(kernel("misc.cu")));
    vectorAdd = vectorAddBuild.join();
    matmul = matmulBuild.join();
    softmax = softmaxBuild.join();
    atomics = atomicsBuild.join();
    lowPrecision = lowPrecisionBuild.join();
    wmma = wmmaBuild.join();
    misc = miscBuild.join();
  }

  private static String why(long seed, CheckReport report) {
    return "seed " + seed + ": " + report.findings() + " first mismatches " + report.firstMismatches();
  }

  @Test
  void vectorAddPassesItsCheckAtOddSizes() {
    for (int n : new int[] {1, 255, 1000, 4099}) {
      long seed = RandomInputs.newSeed();
      VectorAddProblem p = VectorAddProblem.random(n, seed);
      for (String name : List.of("vector_add", "vector_add_float4")) {
        int perThread = name.endsWith("float4") ? 4 : 1;
        CheckReport report =
            Checker.run(
                name, seed, p.expected(), p.inputs(), new float[n],
                out -> vectorAdd.launch(name, dims(xyz(cdiv(cdiv(n, perThread), 256)), xyz(256), 0),
                        List.of(KernelArg.in(p.a()), KernelArg.in(p.b()), KernelArg.out(out), KernelArg.of(n)), TIMEOUT)
                    .target(),
                1);
        assertTrue(report.passed(), name + " n=" + n + " " + why(seed, report));
        assertEquals(Backend.EMULATOR, report.target().backend());
        assertFalse(report.target().gpu(), "emulator timings are CPU timings");
      }
    }
  }

  @Test
  void tiledMatmulPassesItsCheckOnOddShapes() {
    int[][] shapes = {{1, 1, 1}, {37, 29, 45}, {64, 48, 16}, {100, 77, 131}};
    for (int[] s : shapes) {
      int m = s[0], n = s[1], k = s[2];
      long seed = RandomInputs.newSeed();
      MatmulProblem p = MatmulProblem.random(m, n, k, seed);
      CheckReport report =
          Checker.run(
              "matmul_tiled", seed, p.expected(), p.inputs(), new float[m * n],
              matmul.asKernelLaunch("matmul_tiled", dims(xyz(cdiv(n, 16), cdiv(m, 16)), xyz(16, 16), 0),
                  out -> List.of(KernelArg.in(p.a()), KernelArg.in(p.b()), KernelArg.out(out), KernelArg.of(m), KernelArg.of(n), KernelArg.of(k)), TIMEOUT),
              16);
      assertTrue(report.passed(), m + "x" + n + "x" + k + " " + why(seed, report));
    }
  }

  @Test
  void kernelTemplatesRunAsTheirInstantiations() {
    int m = 23, n = 19, k = 41;
    for (int tile : new int[] {8, 5}) {
      long seed = RandomInputs.newSeed();
      MatmulProblem p = MatmulProblem.random(m, n, k, seed);
      String name = "matmul_template< " + tile + " >";
      CheckReport report =
          Checker.run(
              name, seed, p.expected(), p.inputs(), new float[m * n],
              out -> matmul.launch(name, dims(xyz(cdiv(n, tile), cdiv(m, tile)), xyz(tile, tile), 0),
                      List.of(KernelArg.in(p.a()), KernelArg.in(p.b()), KernelArg.out(out), KernelArg.of(m), KernelArg.of(n), KernelArg.of(k)), TIMEOUT)
                  .target(),
              tile);
      assertTrue(report.passed(), name + " " + why(seed, report));
    }
  }

  @Test
  void warpShuffleAndOnlineSoftmaxPassTheirChecks() {
    int[][] shapes = {{1, 1}, {7, 33}, {45, 100}, {3, 1000}};
    for (int[] s : shapes) {
      int rows = s[0], cols = s[1];
      long seed = RandomInputs.newSeed();
      float[] x = RandomInputs.uniform(rows * cols, seed, "x");
      for (int i = 0; i < x.length; i++) {
        x[i] *= 8; // a wider range than [-1, 1) so the max subtraction matters
      }
      Expected expected = Tolerance.softmax(SoftmaxReference.rows(x, rows, cols), rows, cols, Arithmetic.FP32);
      CheckReport warp =
          Checker.run(
              "softmax_warp", seed, expected, Map.of("x", x), new float[rows * cols],
              out -> softmax.launch("softmax_warp", dims(xyz(cdiv(rows, 4)), xyz(32, 4), 0),
                      List.of(KernelArg.in(x), KernelArg.out(out), KernelArg.of(rows), KernelArg.of(cols)), TIMEOUT)
                  .target(),
              1);
      assertTrue(warp.passed(), "softmax_warp " + rows + "x" + cols + " " + why(seed, warp));
      int threads = 96; // three warps
      CheckReport online =
          Checker.run(
              "softmax_online", seed, expected, Map.of("x", x), new float[rows * cols],
              out -> softmax.launch("softmax_online", dims(xyz(rows), xyz(threads), 2 * 3 * 4),
                      List.of(KernelArg.in(x), KernelArg.out(out), KernelArg.of(rows), KernelArg.of(cols)), TIMEOUT)
                  .target(),
              1);
      assertTrue(online.passed(), "softmax_online " + rows + "x" + cols + " " + why(seed, online));
    }
  }

  @Test
  void atomicsCountSumAndCompare() {
    long seed = RandomInputs.newSeed();
    SplittableRandom random = new SplittableRandom(seed);
    int n = 10_007, bins = 13;
    int[] values = random.ints(n, 0, 1000).toArray();
    int[] histogram = new int[bins];
    atomics.launch("histogram", dims(xyz(7), xyz(128), 0),
        List.of(KernelArg.in(values), KernelArg.of(n), KernelArg.inOut(histogram), KernelArg.of(bins)), TIMEOUT);
    int[] expected = new int[bins];
    for (int v : values) {
      expected[v % bins]++;
    }
    assertArrayEquals(expected, histogram, "seed " + seed);

    float[] x = RandomInputs.uniform(n, seed, "x");
    float[] stats = {0f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
    int[] flags = new int[2];
    atomics.launch("reduce_atomics", dims(xyz(cdiv(n, 256)), xyz(256), 0),
        List.of(KernelArg.in(x), KernelArg.of(n), KernelArg.inOut(stats), KernelArg.inOut(flags)), TIMEOUT);
    double sum = 0, absSum = 0;
    float max = Float.NEGATIVE_INFINITY, min = Float.POSITIVE_INFINITY;
    for (float v : x) {
      sum += v;
      absSum += Math.abs(v);
      max = Math.max(max, v);
      min = Math.min(min, v);
    }
    assertTrue(Math.abs(stats[0] - sum) <= Tolerance.gamma(n, 0x1p-24) * absSum * 4 + 1e-6,
        "seed " + seed + ": sum " + stats[0] + " vs " + sum);
    assertEquals(max, stats[1], "seed " + seed);
    assertEquals(min, stats[2], "seed " + seed);
    assertEquals(n, flags[0], "every thread's atomicCAS increment counted");
    assertTrue(flags[1] >= 1 && flags[1] <= n, "atomicExch left some thread's id: " + flags[1]);
  }

  @Test
  void warpVotesSeeEveryLane() {
    long seed = RandomInputs.newSeed();
    int n = 200; // the last warp is partly past the end: those lanes vote with -1
    float[] x = RandomInputs.uniform(n, seed, "x");
    int warps = cdiv(n, 64) * 2; // every warp of the grid writes its votes
    int[] out = new int[3 * warps];
    atomics.launch("votes", dims(xyz(cdiv(n, 64)), xyz(64), 0), List.of(KernelArg.in(x), KernelArg.of(n), KernelArg.out(out)), TIMEOUT);
    for (int w = 0; w < warps; w++) {
      int ballot = 0;
      boolean any = false, all = true;
      for (int l = 0; l < 32; l++) {
        int i = w * 32 + l;
        float v = i < n ? x[i] : -1f;
        ballot |= v > 0 ? 1 << l : 0;
        any |= v > 0.9f;
        all &= v > -2f;
      }
      assertEquals(ballot, out[3 * w], "seed " + seed + " warp " + w + " ballot");
      assertEquals(any ? 1 : 0, out[3 * w + 1], "seed " + seed + " warp " + w + " any");
      assertEquals(all ? 1 : 0, out[3 * w + 2], "seed " + seed + " warp " + w + " all");
    }
  }

  @Test
  void halfAndBfloat16ConvertAndComputeLikeTheirFormats() {
    long seed = RandomInputs.newSeed();
    int n = 1001;
    float[] a = RandomInputs.uniform(n, seed, "a");
    float[] b = RandomInputs.uniform(n, seed, "b");
    short[] bits = new short[n];
    float[] back = new float[n];
    lowPrecision.launch("half_ops", dims(xyz(cdiv(n, 128)), xyz(128), 0),
        List.of(KernelArg.in(a), KernelArg.in(b), KernelArg.out(bits), KernelArg.out(back), KernelArg.of(n)), TIMEOUT);
    for (int i = 0; i < n; i++) {
      float ha = LowPrecision.toHalf(a[i]);
      float hb = LowPrecision.toHalf(b[i]);
      float expected = LowPrecision.toHalf(LowPrecision.toHalf(ha * hb) + ha);
      assertEquals(LowPrecision.halfBits(expected), bits[i] & 0xffff, "seed " + seed + " element " + i);
      assertEquals(expected, back[i], "seed " + seed + " element " + i);
    }

    int pairs = 77;
    float[] xs = RandomInputs.uniform(2 * pairs, seed, "x");
    float[] ys = RandomInputs.uniform(2 * pairs, seed, "y");
    short[] xh = new short[2 * pairs];
    short[] yb = new short[2 * pairs];
    for (int i = 0; i < 2 * pairs; i++) {
      xh[i] = (short) LowPrecision.halfBits(xs[i]);
      yb[i] = (short) LowPrecision.bfloat16Bits(ys[i]);
    }
    float[] out = new float[2 * pairs];
    lowPrecision.launch("half2_ops", dims(xyz(1), xyz(128), 0),
        List.of(KernelArg.in(xh), KernelArg.in(yb), KernelArg.out(out), KernelArg.of(pairs)), TIMEOUT);
    for (int i = 0; i < 2 * pairs; i++) {
      float h = LowPrecision.toHalf(xs[i]);
      float expected = LowPrecision.toHalf(h + LowPrecision.toHalf(h * 2)) + LowPrecision.toBFloat16(ys[i]);
      assertEquals(expected, out[i], "seed " + seed + " element " + i);
    }
  }

  @Test
  void wmmaMatmulOfHalvesPassesItsCheck() {
    int[][] shapes = {{16, 16, 16}, {33, 47, 21}, {70, 18, 64}};
    for (int[] s : shapes) {
      int m = s[0], n = s[1], k = s[2];
      long seed = RandomInputs.newSeed();
      float[] a = LowPrecision.toHalf(RandomInputs.uniform(m * k, seed, "a"));
      float[] b = LowPrecision.toHalf(RandomInputs.uniform(k * n, seed, "b"));
      short[] ah = halfBits(a);
      short[] bh = halfBits(b);
      // fp16 inputs are exact in fp32, and their products too: the reference of the rounded inputs with
      // fp32 accumulation bounds is the tight check.
      Expected expected = Tolerance.matmul(MatmulReference.compute(a, b, m, n, k), k, Arithmetic.FP32);
      CheckReport report =
          Checker.run(
              "wmma_matmul", seed, expected, Map.of("a", a, "b", b), new float[m * n],
              out -> wmma.launch("wmma_matmul", dims(xyz(cdiv(n, 16), cdiv(m, 16)), xyz(32), 0),
                      List.of(KernelArg.in(ah), KernelArg.in(bh), KernelArg.out(out), KernelArg.of(m), KernelArg.of(n), KernelArg.of(k)), TIMEOUT)
                  .target(),
              16);
      assertTrue(report.passed(), m + "x" + n + "x" + k + " " + why(seed, report));
    }
  }

  private static short[] halfBits(float[] x) {
    short[] bits = new short[x.length];
    for (int i = 0; i < x.length; i++) {
      bits[i] = (short) LowPrecision.halfBits(x[i]);
    }
    return bits;
  }

  @Test
  void threeDimensionalLaunchesSeeTheirCoordinatesAndShareDynamicMemory() {
    int nx = 13, ny = 7, nz = 5;
    int[] block = xyz(4, 3, 2);
    int[] out = new int[nx * ny * nz];
    java.util.Arrays.fill(out, -1);
    misc.launch("index3d", dims(xyz(cdiv(nx, 4), cdiv(ny, 3), cdiv(nz, 2)), block, 4 * 3 * 2 * 4),
        List.of(KernelArg.out(out), KernelArg.of(nx), KernelArg.of(ny), KernelArg.of(nz)), TIMEOUT);
    for (int i = 0; i < out.length; i++) {
      assertEquals(i, out[i], "element " + i);
    }
  }

  @Test
  void mathFunctionsAndIntrinsicsMatchTheirDefinitions() {
    long seed = RandomInputs.newSeed();
    int n = 515;
    float[] x = RandomInputs.uniform(n, seed, "x");
    float[] out = new float[n];
    misc.launch("math_mix", dims(xyz(cdiv(n, 64)), xyz(64), 0), List.of(KernelArg.in(x), KernelArg.out(out), KernelArg.of(n)), TIMEOUT);
    for (int i = 0; i < n; i++) {
      double v = x[i];
      double expected = 2 * v + 1 + Math.min(1, Math.max(0, v)) + Math.max((int) (x[i] * 10f), -3) + v + 43;
      assertEquals(expected, out[i], 1e-5 * (Math.abs(expected) + 1), "seed " + seed + " x = " + v);
    }
  }

  @Test
  void barrierVotesCountTheWholeBlock() {
    long seed = RandomInputs.newSeed();
    int n = 300;
    float[] x = RandomInputs.uniform(n, seed, "x");
    int blocks = cdiv(n, 128);
    int[] counts = new int[blocks];
    int[] flags = new int[blocks];
    misc.launch("count_positive", dims(xyz(blocks), xyz(128), 0),
        List.of(KernelArg.in(x), KernelArg.of(n), KernelArg.out(counts), KernelArg.out(flags)), TIMEOUT);
    for (int b = 0; b < blocks; b++) {
      int expected = 0;
      for (int i = b * 128; i < Math.min(n, (b + 1) * 128); i++) {
        expected += x[i] > 0 ? 1 : 0;
      }
      assertEquals(expected, counts[b], "seed " + seed + " block " + b);
      assertEquals(1, flags[b], "seed " + seed + " block " + b);
    }
  }

  @Test
  void launchesSayTheyRanOnTheEmulatorWithTheirCost() {
    int n = 1000;
    float[] a = new float[n], b = new float[n], c = new float[n];
    LaunchResult result = vectorAdd.launch("vector_add", dims(xyz(4), xyz(256), 0),
        List.of(KernelArg.in(a), KernelArg.in(b), KernelArg.out(c), KernelArg.of(n)), TIMEOUT);
    assertEquals(Backend.EMULATOR, result.target().backend());
    assertTrue(result.target().label().startsWith("emulator · CUDA emulator · "), result.target().label());
    assertEquals(1024, result.threadPhases(), "one phase per thread: the kernel has no barrier");
    assertTrue(vectorAdd.launchable().contains("vector_add_float4"));
  }

  @Test
  void oneKernelBuiltAndLaunchedFromSeveralThreadsAtOnce() throws Exception {
    String source = "__global__ void scale(const float* x, float* y, float s, int n) {\n"
        + "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n  if (i < n) y[i] = s * x[i];\n}\n"
        + "constexpr long never_built_before = " + RandomInputs.newSeed() + "L; // new to the cache\n";
    List<CompletableFuture<float[]>> runs = new java.util.ArrayList<>();
    for (int t = 0; t < 4; t++) {
      float factor = t + 1;
      runs.add(CompletableFuture.supplyAsync(() -> {
        EmulatedModule module = Emulator.compile(source, "scale.cu");
        float[] x = {1, 2, 3}, y = new float[3];
        module.launch("scale", dims(xyz(1), xyz(32), 0), List.of(KernelArg.in(x), KernelArg.out(y), KernelArg.of(factor), KernelArg.of(3)));
        return y;
      }));
    }
    for (int t = 0; t < 4; t++) {
      assertArrayEquals(new float[] {t + 1, 2 * (t + 1), 3 * (t + 1)}, runs.get(t).get());
    }
  }

  @Test
  void kernelsOfAnIncludedHeaderRunToo() {
    EmulatedModule module = Emulator.compile(kernel("with_header/main.cu"));
    assertTrue(module.launchable().containsAll(List.of("main_scale", "header_scale")), module.launchable().toString());
    float[] x = {1, 2, 3}, y = new float[3];
    module.launch("header_scale", dims(xyz(1), xyz(32), 0), List.of(KernelArg.in(x), KernelArg.out(y), KernelArg.of(3)));
    assertArrayEquals(new float[] {2, 4, 6}, y);
    module.launch("main_scale", dims(xyz(1), xyz(32), 0), List.of(KernelArg.in(x), KernelArg.out(y), KernelArg.of(3)));
    assertArrayEquals(new float[] {4, 8, 12}, y);
    EmulatorException e = org.junit.jupiter.api.Assertions.assertThrows(EmulatorException.class,
        () -> module.launch("header_scale", dims(xyz(1), xyz(32), 0), List.of(KernelArg.in(x), KernelArg.out(y), KernelArg.of(40))));
    assertEquals(EmulatorException.Kind.OUT_OF_BOUNDS, e.kind(), "guard pages still watch the header's kernel");
  }

  @Test
  void argumentsThatDoNotFitTheKernelAreNamed() {
    float[] a = new float[4];
    EmulatorException e = org.junit.jupiter.api.Assertions.assertThrows(EmulatorException.class,
        () -> vectorAdd.launch("vector_add", dims(xyz(1), xyz(4), 0),
            List.of(KernelArg.in(a), KernelArg.in(a), KernelArg.out(a), KernelArg.of(4.0f)), TIMEOUT));
    assertEquals(EmulatorException.Kind.INVALID_LAUNCH, e.kind());
    assertTrue(e.getMessage().contains("'n', is int but a float was passed"), e.getMessage());
    EmulatorException ints = org.junit.jupiter.api.Assertions.assertThrows(EmulatorException.class,
        () -> vectorAdd.launch("vector_add", dims(xyz(1), xyz(4), 0),
            List.of(KernelArg.in(new int[4]), KernelArg.in(a), KernelArg.out(a), KernelArg.of(4)), TIMEOUT));
    assertTrue(ints.getMessage().contains("argument 1 of vector_add, 'a', is const float* but a Java int[] was passed "
        + "(it needs a float[])"), ints.getMessage());
    EmulatorException scalar = org.junit.jupiter.api.Assertions.assertThrows(EmulatorException.class,
        () -> vectorAdd.launch("vector_add", dims(xyz(1), xyz(4), 0),
            List.of(KernelArg.in(a), KernelArg.of(2), KernelArg.out(a), KernelArg.of(4)), TIMEOUT));
    assertTrue(scalar.getMessage().contains("'b', is a pointer (const float*) but a scalar was passed"),
        scalar.getMessage());

    EmulatorException unknown = org.junit.jupiter.api.Assertions.assertThrows(EmulatorException.class,
        () -> vectorAdd.launch("vector_sub", dims(xyz(1), xyz(4), 0), List.of(), TIMEOUT));
    assertTrue(unknown.getMessage().contains("no kernel 'vector_sub'")
        && unknown.getMessage().contains("vector_add, vector_add_float4"), unknown.getMessage());

    // CUDA's launch limits are LaunchDims': a launch that breaks them never reaches the emulator
    IllegalArgumentException block = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> vectorAdd.launch("vector_add", dims(xyz(1), xyz(2048), 0),
            List.of(KernelArg.in(a), KernelArg.in(a), KernelArg.out(a), KernelArg.of(4)), TIMEOUT));
    assertTrue(block.getMessage().contains("at most 1024 threads"), block.getMessage());
  }
}
