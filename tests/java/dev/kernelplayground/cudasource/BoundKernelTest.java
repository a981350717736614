package dev.kernelplayground.cudasource;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.check.Arithmetic;
import dev.kernelplayground.check.Tile;
import dev.kernelplayground.problem.AttentionProblem;
import dev.kernelplayground.problem.MatmulProblem;
import dev.kernelplayground.problem.Problem;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.problem.ReferenceCheck;
import dev.kernelplayground.reference.LowPrecision;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file of kernels/ bound to its problem at odd sizes: buffers, launches and scalars as its header says. */
class BoundKernelTest {
  private static final long SEED = RandomInputs.newSeed();

  static Stream<Path> kernelFiles() {
    return KernelLibrary.find().allFiles().stream();
  }

  @ParameterizedTest
  @MethodSource("kernelFiles")
  void everyFileBindsAtOddSizes(Path file) {
    KernelSource source = KernelSource.load(file);
    Map<String, Integer> sizes = OddSizes.small(source.header().check());
    BoundKernel bound = BoundKernel.bind(source, sizes, SEED);
    Problem problem = bound.problem();
    String where = bound.describe();
    assertEquals(SEED, problem.seed(), where);
    assertEquals(source.header().check().sizeNames(), List.copyOf(bound.sizes().keySet()), where);
    assertEquals(source.header().launches().size(), bound.launches().size(), where);

    Set<String> passed = new LinkedHashSet<>();
    for (int i = 0; i < bound.launches().size(); i++) {
      LaunchSpec spec = source.header().launches().get(i);
      BoundLaunch launch = bound.launches().get(i);
      assertEquals(spec.kernelName(), launch.kernelName(), where);
      assertEquals(spec.evaluate(sizes), launch.dims(), where);
      assertEquals(spec.args().size(), launch.args().size(), where);
      for (int a = 0; a < launch.args().size(); a++) {
        KernelParam declared = spec.args().get(a);
        KernelArg arg = launch.args().get(a);
        assertEquals(declared.name(), arg.name(), where);
        passed.add(arg.name());
        switch (arg) {
          case KernelArg.Buffer in when in.access() == KernelArg.Access.IN -> {
            assertEquals(ArgRole.INPUT, declared.role(), where);
            assertEquals(problem.inputs().get(in.name()).length, in.elements(), where + " " + in);
            assertEquals(ElementType.of(source.header().check().inputElementType()), in.element(), where);
          }
          case KernelArg.Buffer out when out.access() == KernelArg.Access.OUT -> {
            assertEquals(ArgRole.OUTPUT, declared.role(), where);
            assertEquals(problem.outputSize(), out.elements(), where);
            assertEquals(ElementType.FLOAT, out.element(), where);
          }
          case KernelArg.Buffer s -> {
            assertEquals(ArgRole.SCRATCH, declared.role(), where);
            assertEquals(declared.scratchElements(sizes), s.elements(), where);
          }
          case KernelArg.IntScalar s ->
              assertEquals(declared.scalarValue(sizes).longValue(), s.value(), where + " " + s);
          case KernelArg.FloatScalar s -> assertEquals(declared.scalarValue(sizes), s.value(), where + " " + s);
        }
      }
    }
    Set<String> needed = new LinkedHashSet<>(problem.inputs().keySet());
    needed.add("out");
    assertTrue(passed.containsAll(needed), where + " passes " + passed + ", needs " + needed);

    for (KernelArg.Buffer in : bound.inputBuffers()) {
      float[] host = problem.inputs().get(in.name());
      float[] device = bound.inputValues(in.name());
      if (in.element() == ElementType.HALF) {
        assertArrayEquals(LowPrecision.toHalf(host), device, where + " " + in.name());
        assertFalse(java.util.Arrays.equals(host, device), "random floats change when rounded to fp16");
        short[] bits = bound.inputHalfBits(in.name());
        for (int i = 0; i < bits.length; i++) {
          assertEquals(device[i], LowPrecision.fromHalfBits(bits[i] & 0xFFFF), where + " element " + i);
        }
      } else {
        assertArrayEquals(host, device, where + " " + in.name());
        assertNotSame(host, device, "the caller gets a copy, not the problem's own array");
      }
    }
  }

  @Test
  void theFp16ChecksMakeProblemsThatAllowForFp16Inputs() {
    BoundKernel matmul = BoundKernel.bind(
        KernelSource.load(KernelLibrary.find().root().resolve("matmul/08_wmma_fp16.cu")),
        OddSizes.small(ReferenceCheck.named("matmul_fp16")), SEED);
    assertEquals(Arithmetic.FP16_IN_FP32_ACC, ((MatmulProblem) matmul.problem()).arithmetic());
    BoundKernel attention = BoundKernel.bind(
        KernelSource.load(KernelLibrary.find().root().resolve("attention/04_flash_wmma_fp16.cu")),
        OddSizes.small(ReferenceCheck.named("attention_fp16")), SEED);
    AttentionProblem p = (AttentionProblem) attention.problem();
    assertEquals(Arithmetic.FP16_IN_FP32_ACC, p.arithmetic());
    assertTrue(p.causal());
    assertEquals(19, p.shape().seqLen());
    BoundKernel fp32 = BoundKernel.bind(
        KernelSource.load(KernelLibrary.find().root().resolve("matmul/07_warptile.cu")),
        OddSizes.small(ReferenceCheck.named("matmul")), SEED);
    assertEquals(Arithmetic.FP32, ((MatmulProblem) fp32.problem()).arithmetic());
  }

  @Test
  void attentionNaivesThreeLaunchesShareOneScratchBuffer() {
    Map<String, Integer> sizes = OddSizes.small(ReferenceCheck.named("attention"));
    BoundKernel bound = BoundKernel.bind(
        KernelSource.load(KernelLibrary.find().root().resolve("attention/01_naive.cu")), sizes, SEED);
    assertEquals(List.of("attention_scores", "attention_softmax", "attention_pv"),
        bound.launches().stream().map(BoundLaunch::kernelName).toList());
    long scores = 2L * 3 * 19 * 19;
    assertEquals(List.of(new KernelArg.Buffer("scores", ElementType.FLOAT, scores, KernelArg.Access.IN_OUT)),
        bound.scratchBuffers());
    for (BoundLaunch launch : bound.launches()) {
      List<KernelArg> scratch = launch.args().stream()
          .filter(a -> a instanceof KernelArg.Buffer b && b.access() == KernelArg.Access.IN_OUT).toList();
      assertEquals(List.of(bound.scratchBuffers().get(0)), scratch, launch.toString());
    }
    // q, k, v, out and scores: each buffer once, in first use order
    assertEquals(List.of("q", "k", "scores", "v", "out"),
        bound.buffers().stream().map(KernelArg.Buffer::name).toList());
    KernelArg scale = bound.launches().get(0).args().stream().filter(a -> a.name().equals("scale")).findFirst()
        .orElseThrow();
    assertEquals(new KernelArg.FloatScalar("scale", (float) (1 / Math.sqrt(24))), scale);
  }

  @Test
  void theOutputTileIsWhatOneBlockOfTheOutputsLaunchCovers() {
    Map<String, Tile> expected = Map.of(
        "matmul/01_naive.cu", new Tile(32, 32),          // grid cdiv(m, 32), cdiv(n, 32): x along the rows
        "matmul/03_shared_tiled.cu", new Tile(32, 32),
        "matmul/05_blocktile_2d.cu", new Tile(128, 128), // 256 threads, 128 x 128 of C
        "matmul/08_wmma_fp16.cu", new Tile(64, 64),
        "vector_add/01_vector_add.cu", new Tile(1, 256), // a vector is one row
        "softmax/03_warp_shuffle.cu", new Tile(4, 1),    // 4 rows a block, each whole
        "softmax/02_shared_reduction.cu", Tile.NONE,      // grid: rows, no cdiv
        "attention/01_naive.cu", new Tile(1, 16));       // attention_pv writes out: 16 of dim; seq rows repeat per head
    for (Map.Entry<String, Tile> e : expected.entrySet()) {
      KernelSource source = KernelSource.load(KernelLibrary.find().root().resolve(e.getKey()));
      Map<String, Integer> sizes = OddSizes.small(source.header().check());
      assertEquals(e.getValue(), BoundKernel.bind(source, sizes, SEED).outputTile(), e.getKey() + " at " + sizes);
    }
    // square sizes: the bare size names decide which grid dimension covers the columns
    KernelSource softmax = KernelSource.load(KernelLibrary.find().root().resolve("softmax/03_warp_shuffle.cu"));
    assertEquals(new Tile(4, 1), BoundKernel.bind(softmax, Map.of("rows", 37, "cols", 37), SEED).outputTile());
    KernelSource naive = KernelSource.load(KernelLibrary.find().root().resolve("matmul/01_naive.cu"));
    assertEquals(new Tile(32, 32), BoundKernel.bind(naive, Map.of("m", 40, "n", 40, "k", 3), SEED).outputTile());
  }

  @Test
  void missingUnknownAndOutOfRangeSizesNameTheCheckLine() {
    KernelSource source = KernelSource.load(KernelLibrary.find().root().resolve("matmul/05_blocktile_2d.cu"));
    HeaderException missing = assertThrows(HeaderException.class,
        () -> BoundKernel.bind(source, Map.of("m", 37, "n", 29), 1));
    assertTrue(source.text().lines().toList().get(missing.line() - 1).contains("@kp check:"), missing.getMessage());
    assertTrue(missing.getMessage().startsWith(source.path() + ":" + missing.line()
        + ": matmul needs the sizes m, n, k; missing k"), missing.getMessage());
    HeaderException unknown = assertThrows(HeaderException.class,
        () -> BoundKernel.bind(source, Map.of("m", 37, "n", 29, "kk", 19), 1));
    assertTrue(unknown.getMessage().contains("size kk given, but matmul has the sizes m, n, k"),
        unknown.getMessage());
    HeaderException zero = assertThrows(HeaderException.class,
        () -> BoundKernel.bind(source, Map.of("m", 37, "n", 0, "k", 19), 1));
    assertTrue(zero.getMessage().contains("size n = 0 must be a whole number from 1"), zero.getMessage());
    KernelSource attention = KernelSource.load(KernelLibrary.find().root().resolve("attention/02_fused_online.cu"));
    Map<String, Integer> causal2 = new HashMap<>(OddSizes.small(ReferenceCheck.named("attention")));
    causal2.put("causal", 2);
    HeaderException e = assertThrows(HeaderException.class, () -> BoundKernel.bind(attention, causal2, 1));
    assertTrue(e.getMessage().contains("size causal = 2 must be 0 or 1"), e.getMessage());
  }

  /** A header the parser accepts cannot name a missing input, so this one is built by hand, as a backend might. */
  @Test
  void anInputTheProblemDoesNotHaveIsAnErrorAtTheArgsLine() {
    Path file = Path.of("kernels/mine/scaled.cu");
    String text = """
        // @kp kernel: scaled
        // @kp check:  vector_add n
        // @kp args:   const float* a, const float* c, float* out, int n
        // @kp grid:   cdiv(n, 256), 1, 1
        // @kp block:  256, 1, 1
        // @kp smem:   0
        extern "C" __global__ void scaled(const float* a, const float* c, float* out, int n) {}
        """;
    Set<String> names = Set.of("n");
    LaunchSpec spec = new LaunchSpec(file, 1, "scaled",
        List.of(new KernelParam("const float*", "a", ArgRole.INPUT, null),
            new KernelParam("const float*", "c", ArgRole.INPUT, null),
            new KernelParam("float*", "out", ArgRole.OUTPUT, null),
            new KernelParam("int", "n", ArgRole.SIZE, null)),
        List.of(SizeExpression.parse("cdiv(n, 256)", names), SizeExpression.parse("1", names),
            SizeExpression.parse("1", names)),
        List.of(SizeExpression.parse("256", names), SizeExpression.parse("1", names),
            SizeExpression.parse("1", names)),
        SizeExpression.parse("0", names), 4, 5, 6);
    KernelSource source = new KernelSource(file, text,
        new KernelHeader("scales", ReferenceCheck.named("vector_add"), List.of(spec)));
    HeaderException e = assertThrows(HeaderException.class, () -> BoundKernel.bind(source, Map.of("n", 1003), 5));
    assertEquals(3, e.line());
    assertTrue(e.getMessage().startsWith("kernels/mine/scaled.cu:3: scaled takes input 'c', but vector add n = "
        + "1,003 has the inputs a, b"), e.getMessage());
  }

  @Test
  void aScratchBufferOfTwoSizesIsAnError() {
    Path file = Path.of("kernels/mine/two.cu");
    String text = """
        // @kp teaches: nothing; two launches that disagree on a scratch buffer
        // @kp check:  copy n
        // @kp kernel: first
        // @kp args:   const float* x, float* tmp[n], int n
        // @kp grid:   1, 1, 1
        // @kp block:  32, 1, 1
        // @kp smem:   0
        // @kp kernel: second
        // @kp args:   float* tmp[2 * n], float* out, int n
        // @kp grid:   1, 1, 1
        // @kp block:  32, 1, 1
        // @kp smem:   0
        extern "C" __global__ void first(const float* x, float* tmp, int n) {}
        extern "C" __global__ void second(float* tmp, float* out, int n) {}
        """;
    KernelSource source = KernelSource.of(file, text);
    HeaderException e = assertThrows(HeaderException.class, () -> BoundKernel.bind(source, Map.of("n", 9), 5));
    assertEquals(9, e.line(), e.getMessage());
    assertTrue(e.getMessage().contains("scratch buffer 'tmp' is 18 × float in second but 9 × float in an earlier"),
        e.getMessage());
  }
}
