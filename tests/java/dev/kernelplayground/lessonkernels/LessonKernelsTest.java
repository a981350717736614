package dev.kernelplayground.lessonkernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.aparapi.AparapiDeviceList;
import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.bench.CacheFlush;
import dev.kernelplayground.device.Backend;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.lessonkernels.attention.AttentionCases;
import dev.kernelplayground.problem.AttentionProblem;
import dev.kernelplayground.problem.ProblemFamily;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.reference.AttentionShape;
import dev.kernelplayground.run.KernelCase;
import dev.kernelplayground.run.Trial;
import dev.kernelplayground.run.TrialResult;
import dev.kernelplayground.testing.OpenCl;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Java lesson kernel against its float64 reference, on PoCL (OpenCL on the CPU) and on Java threads
 * ({@code jtp}): its family's odd test shapes (not multiples of any tile or work-group), two fresh seeds
 * each (printed on failure), checked, run again, and re-checked. Java threads run smaller shapes: a thread
 * per work-item, meeting at barriers, is far slower than OpenCL.
 */
class LessonKernelsTest {
  private static final BenchConfig ONCE_MORE = new BenchConfig(0, 1);
  private static final int SEEDS = 2;

  static Stream<Arguments> openClCases() {
    return cases(f -> f.tests().openCl());
  }

  static Stream<Arguments> javaThreadPoolCases() {
    return cases(f -> f.tests().javaThreadPool());
  }

  @Tag("opencl")
  @ParameterizedTest(name = "{0} {1} on OpenCL")
  @MethodSource("openClCases")
  void passesOnOpenCl(String kernel, String size, int[] sizes) {
    AparapiDevice cl = OpenCl.firstDevice();
    for (int s = 0; s < SEEDS; s++) {
      ExecutionTarget where = passes(kernel, sizes, cl);
      assertEquals(Backend.OPENCL, where.backend());
      assertEquals(cl.name(), where.device());
    }
  }

  @ParameterizedTest(name = "{0} {1} on the Java thread pool")
  @MethodSource("javaThreadPoolCases")
  void passesOnJavaThreadPool(String kernel, String size, int[] sizes) {
    for (int s = 0; s < SEEDS; s++) {
      ExecutionTarget where = passes(kernel, sizes, AparapiDeviceList.byId("jtp"));
      assertEquals(Backend.JAVA, where.backend());
      assertEquals(AparapiDeviceList.JTP_NAME, where.device());
    }
  }

  @Tag("opencl")
  @Test
  void attentionWithTheCausalMaskPassesOnOpenCl() {
    AparapiDevice cl = OpenCl.firstDevice();
    for (AttentionShape shape : List.of(new AttentionShape(1, 2, 67, 24), new AttentionShape(2, 1, 16, 32))) {
      causal(shape, cl, AttentionCases::naive);
      causal(shape, cl, AttentionCases::fused);
      causal(shape, cl, AttentionCases::flash);
    }
  }

  @Test
  void attentionWithTheCausalMaskPassesOnTheJavaThreadPool() {
    AparapiDevice jtp = AparapiDeviceList.byId("jtp");
    AttentionShape shape = new AttentionShape(1, 1, 37, 16);
    causal(shape, jtp, AttentionCases::naive);
    causal(shape, jtp, AttentionCases::fused);
    causal(shape, jtp, AttentionCases::flash);
  }

  @Test
  void plainJavaBaselinesPassAndSayWhereTheyRan() {
    for (ProblemFamily<?> family : JavaKernels.families()) {
      int[] sizes = family.tests().javaThreadPool().get(0);
      long seed = RandomInputs.newSeed();
      TrialResult r = Trial.run(family.plainJava(sizes, seed), ONCE_MORE, CacheFlush.NONE);
      assertTrue(r.passed(), family + " plain Java, seed " + seed + ": " + r.check().findings());
      assertEquals(Backend.JAVA, r.timing().target().backend());
    }
  }

  private static void causal(
      AttentionShape shape, AparapiDevice device, BiFunction<AttentionProblem, AparapiDevice, KernelCase> bind) {
    long seed = RandomInputs.newSeed();
    KernelCase c = bind.apply(AttentionProblem.random(shape, true, seed), device);
    TrialResult r = Trial.run(c, ONCE_MORE, CacheFlush.NONE);
    assertTrue(r.passed(), c.kernel() + " causal " + shape + " on " + device.id() + ", seed " + seed + ": "
        + r.check().findings() + (r.recheck() == null ? "" : " / " + r.recheck().findings()));
  }

  /** Checks on a fresh seed, times once, re-checks; returns where the timed run executed. */
  private static ExecutionTarget passes(String kernel, int[] sizes, AparapiDevice device) {
    long seed = RandomInputs.newSeed();
    KernelCase c = JavaKernels.find(kernel).orElseThrow().create(sizes, seed, device);
    TrialResult r = Trial.run(c, ONCE_MORE, CacheFlush.NONE);
    assertTrue(r.passed(), kernel + " " + Arrays.toString(sizes) + " on " + device.id() + ", seed " + seed + ": "
        + r.check().findings() + (r.recheck() == null ? "" : " / " + r.recheck().findings()));
    return r.timing().target();
  }

  private static Stream<Arguments> cases(Function<ProblemFamily<?>, List<int[]>> shapes) {
    return JavaKernels.all().stream()
        .flatMap(e -> shapes.apply(e.family()).stream().map(s -> Arguments.of(e.name(), sizeText(s), s)));
  }

  private static String sizeText(int[] sizes) {
    return String.join("x", Arrays.stream(sizes).mapToObj(Integer::toString).toList());
  }
}
