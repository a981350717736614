package dev.kernelplayground.cudasource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.problem.ReferenceCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderParserTest {
  private static final Path FILE = Path.of("kernels/test/01_test.cu");

  private static final String GOOD = """
      // @kp kernel:  sgemm_test
      // @kp teaches: one thing,
      // @kp teaches: and another.
      // @kp check:   matmul m n k
      // @kp args:    const float* a, const float* b, float* out, int m, int n, int k
      // @kp grid:    cdiv(n, 128), cdiv(m, 128), 1
      // @kp block:   256, 1, 1
      // @kp smem:    0

      extern "C" __global__ void sgemm_test(const float* __restrict__ a, const float *b, float* out,
                                            int m, int n, int k) {}
      """;

  private static HeaderException bad(String source) {
    return assertThrows(HeaderException.class, () -> HeaderParser.parse(FILE, source));
  }

  /** GOOD with one header line replaced. */
  private static String replace(String from, String to) {
    String replaced = GOOD.replace(from, to);
    assertTrue(!replaced.equals(GOOD), "test bug: '" + from + "' is not in GOOD");
    return replaced;
  }

  @Test
  void readsAGoodHeader() {
    KernelHeader h = HeaderParser.parse(FILE, GOOD);
    assertEquals(ReferenceCheck.named("matmul"), h.check());
    assertEquals("one thing, and another.", h.teaches());
    assertEquals(List.of("sgemm_test"), h.kernelNames());
    LaunchSpec launch = h.launches().get(0);
    assertEquals(List.of(ArgRole.INPUT, ArgRole.INPUT, ArgRole.OUTPUT, ArgRole.SIZE, ArgRole.SIZE, ArgRole.SIZE),
        launch.args().stream().map(KernelParam::role).toList());
    assertEquals("const float*", launch.args().get(0).cType());
    LaunchDims dims = launch.evaluate(Map.of("m", 1031, "n", 517, "k", 33));
    assertEquals(new LaunchDims(5, 9, 1, 256, 1, 1, 0), dims);
    assertEquals(256, dims.threadsPerBlock());
  }

  @Test
  void readsSeveralLaunchBlocksScratchAndScalars() {
    String source = """
        // @kp teaches: three kernels
        // @kp check:   attention batch heads seq dim causal
        // @kp kernel:  one
        // @kp args:    const float* q, const float* k, float* s[batch * heads * seq * seq], float scale = 1 / sqrt(dim), int causal
        // @kp grid:    cdiv(seq, 16), cdiv(seq, 16), batch * heads
        // @kp block:   16, 16, 1
        // @kp smem:    0
        // @kp kernel:  two
        // @kp args:    const float* s[batch * heads * seq * seq], const float* v, float* out, int rows = batch * heads * seq
        // @kp grid:    cdiv(batch * heads * seq, 256), 1, 1
        // @kp block:   256, 1, 1
        // @kp smem:    dim * 4
        __global__ void one(const float* q, const float* k, float* s, float scale, int causal) {}
        __global__ void two(const float* s, const float* v, float* out, int rows) {}
        """;
    KernelHeader h = HeaderParser.parse(FILE, source);
    assertEquals(ReferenceCheck.named("attention"), h.check());
    assertEquals(List.of("one", "two"), h.kernelNames());
    Map<String, Integer> sizes = Map.of("batch", 2, "heads", 3, "seq", 67, "dim", 80, "causal", 1);
    KernelParam scratch = h.launches().get(0).args().get(2);
    assertEquals(ArgRole.SCRATCH, scratch.role());
    assertEquals(2L * 3 * 67 * 67, scratch.scratchElements(sizes));
    KernelParam scale = h.launches().get(0).args().get(3);
    assertEquals(ArgRole.SCALAR, scale.role());
    assertEquals((float) (1 / Math.sqrt(80)), scale.scalarValue(sizes).floatValue(), 0f);
    assertEquals(1, h.launches().get(0).args().get(4).scalarValue(sizes));
    assertEquals(2 * 3 * 67, h.launches().get(1).args().get(3).scalarValue(sizes));
    LaunchDims second = h.launches().get(1).evaluate(sizes);
    assertEquals(new LaunchDims(2, 1, 1, 256, 1, 1, 320), second);
    assertEquals("float* s[batch * heads * seq * seq]", scratch.toString());
  }

  @Test
  void fp16ChecksWantHalfInputs() {
    String fp16 = GOOD.replace("matmul m n k", "matmul_fp16 m n k")
        .replace("const float* a, const float* b", "const __half* a, const __half* b")
        .replace("const float* __restrict__ a, const float *b", "const half* a, const __half* b");
    assertEquals(ReferenceCheck.named("matmul_fp16"), HeaderParser.parse(FILE, fp16).check());
    HeaderException e = bad(GOOD.replace("matmul m n k", "matmul_fp16 m n k"));
    assertEquals(5, e.line());
    assertTrue(e.getMessage().contains("holds __half, not float"), e.getMessage());
  }

  @Test
  void errorsNameTheFileAndTheLine() {
    HeaderException e = bad(replace("cdiv(n, 128), cdiv(m, 128), 1", "cdiv(nn, 128), cdiv(m, 128), 1"));
    assertEquals(6, e.line());
    assertTrue(e.getMessage().startsWith(FILE + ":6: grid: "), e.getMessage());
    assertTrue(e.getMessage().contains("nn"), e.getMessage());
  }

  @Test
  void badHeadersSayWhatIsWrong() {
    assertMessage(bad("__global__ void f() {}\n"), 1, "no '// @kp' header");
    assertMessage(bad(replace("// @kp check:   matmul m n k\n", "")), 1, "no '// @kp check:' line");
    assertMessage(bad(replace("matmul m n k", "matmul m k n")), 4, "the sizes of matmul are 'm n k'");
    assertMessage(bad(replace("matmul m n k", "gemm m n k")), 4, "unknown check 'gemm'");
    assertMessage(bad(replace("// @kp smem:    0", "// @kp shmem:   0")), 8, "unknown header key 'shmem'");
    assertMessage(bad(replace("// @kp smem:    0", "// @kp smem 0")), 8, "has no key");
    assertMessage(bad(replace("// @kp smem:    0\n", "")), 1, "kernel sgemm_test has no '// @kp smem:' line");
    assertMessage(bad(replace("256, 1, 1", "256, 1")), 7, "block needs three expressions");
    assertMessage(bad(replace("256, 1, 1", "32, 64, 1")), 7, "2048 threads exceeds");
    assertMessage(bad(replace("float* out, int m", "const float* out, int m")), 5, "'float* out'");
    assertMessage(bad(replace("const float* b, float* out", "const float* c, float* out")), 5,
        "buffer 'c' is not an input of matmul (a, b)");
    assertMessage(bad(replace("int m, int n, int k\n", "int m, int n, int kk\n")), 5, "scalar 'kk' is not a size");
    assertMessage(bad(replace("int m, int n, int k\n", "int m, int n, int n\n")), 5, "'n' appears twice");
    assertMessage(bad(replace("sgemm_test\n", "sgemm_other\n")), 1, "no __global__ function named 'sgemm_other'");
    assertMessage(bad(replace("int m, int n, int k\n", "int m, int n, float k = 1\n")), 1,
        "do not match the parameters on line 10");
  }

  @Test
  void aFileMeansToHaveAHeaderWhenItsTopMentionsAtKp() {
    assertTrue(HeaderParser.hasHeader(GOOD));
    assertTrue(HeaderParser.hasHeader("// intro\n\n// @kp check: copy n\nint x;"));
    assertFalse(HeaderParser.hasHeader("// a plain kernel\n__global__ void f() {}\n// @kp kernel: f\n"));
  }

  @Test
  void launchLimitsAreCheckedForTheSizesGiven() {
    String huge = replace("cdiv(n, 128), cdiv(m, 128), 1", "1, m, 1");
    LaunchSpec launch = HeaderParser.parse(FILE, huge).launches().get(0);
    HeaderException e = assertThrows(HeaderException.class, () -> launch.evaluate(Map.of("m", 70_000, "n", 1, "k", 1)));
    assertEquals(6, e.line());
    assertTrue(e.getMessage().contains("grid y = m is 70000"), e.getMessage());
  }

  private static void assertMessage(HeaderException e, int line, String text) {
    assertEquals(line, e.line(), e.getMessage());
    assertTrue(e.getMessage().startsWith(FILE + ":" + line + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(text), "expected '" + text + "' in: " + e.getMessage());
  }
}
