package dev.kernelplayground.aparapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.Kernel;
import dev.kernelplayground.device.Backend;
import dev.kernelplayground.testing.OpenCl;
import dev.kernelplayground.testing.Texts;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.lessonkernels.matmul.TiledMatmulKernel;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A kernel that cannot run where it was asked gets a plain-words error, never an OpenCL label. */
class FallbackTest {
  private static final Grid GRID = Grid.oneD(64, 64);

  @Tag("opencl")
  @Test
  void anObjectFieldIsNamedAndTheKernelIsNotReportedAsOpenCl() {
    float[] out = new float[64];
    assertMentions(refusedOnOpenCl(new ObjectFieldKernel(out)), ObjectFieldKernel.class.getName(), "object field scale",
        "run()");
    assertTrue(allZero(out), "nothing ran: the kernel never reached Java threads either");
  }

  @Tag("opencl")
  @Test
  void aLambdaIsNamed() {
    assertMentions(refusedOnOpenCl(new LambdaKernel(new float[64])), LambdaKernel.class.getName(), "lambda");
  }

  @Tag("opencl")
  @Test
  void recursionIsNamedByAparapisOwnCheck() {
    assertMentions(refusedOnOpenCl(new RecursiveKernel(new float[64])), RecursiveKernel.class.getName(), "recursive",
        "triangle");
  }

  @Tag("opencl")
  @Test
  void anArrayAllocationIsCaughtBeforeAparapisTranslatorHangsOnIt() {
    var e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> refusedOnOpenCl(new ArrayInKernel(new float[64])));
    assertMentions(e, ArrayInKernel.class.getName(), "new");
  }

  @Tag("opencl")
  @Test
  void aVariableNamedWithAnOpenClKeywordIsNamedInsteadOfPoclsCompileError() {
    assertMentions(refusedOnOpenCl(new KeywordVariableKernel(new float[64])), KeywordVariableKernel.class.getName(),
        "variable named half", "run()");
    float[] out = new float[64];
    AparapiRunner.run(new KeywordVariableKernel(out), GRID, AparapiDeviceList.byId("jtp"));
    assertEquals(31f, out[63], "plain Java on the thread pool has no such restriction");
  }

  @Tag("opencl")
  @Test
  void tooMuchLocalMemoryIsRefusedBeforeLaunchInsteadOfCrashingTheJvm() {
    AparapiDevice cl = OpenCl.firstDevice();
    float[] out = new float[64];
    var e = assertThrows(
        IllegalArgumentException.class, () -> AparapiRunner.run(new OversizedLocalKernel(out), GRID, cl));
    assertMentions(e, OversizedLocalKernel.class.getName(), "staging", String.format("%,d", 4L << 20), cl.id());
    assertEquals(4L << 20, LocalMemory.bytes(new OversizedLocalKernel(out)));
    assertTrue(allZero(out));
  }

  @Test
  void theGeneratedOpenClNeedsNoDeviceAndThePrecheckAppliesToItToo() {
    float[] a = new float[16 * 16];
    String source = Translation.openClSource(new TiledMatmulKernel(a, a, new float[16 * 16], 16, 16, 16));
    assertTrue(source.contains("__local"), source);
    assertTrue(source.contains("barrier("), source);
    var e = assertThrows(
        UntranslatableKernelException.class, () -> Translation.openClSource(new LambdaKernel(a)));
    assertMentions(e, "lambda");
  }

  @Test
  void theSameKernelRunsOnJavaThreadsAndIsLabelledSo() {
    float[] out = new float[64];
    ExecutionTarget where = AparapiRunner.run(new ObjectFieldKernel(out), GRID, AparapiDeviceList.byId("jtp"));
    assertEquals(Backend.JAVA, where.backend());
    assertEquals(AparapiDeviceList.JTP_NAME, where.device());
    assertEquals(2f * 63, out[63]);
  }

  /** Runs {@code kernel} on the first OpenCL device (skipped without one) and returns why it was refused. */
  private static UntranslatableKernelException refusedOnOpenCl(Kernel kernel) {
    AparapiDevice cl = OpenCl.firstDevice();
    return assertThrows(UntranslatableKernelException.class, () -> AparapiRunner.run(kernel, GRID, cl));
  }

  private static void assertMentions(Exception e, String... words) {
    Texts.assertContains(e.getMessage(), words);
  }

  private static boolean allZero(float[] xs) {
    return Arrays.equals(xs, new float[xs.length]);
  }

}
