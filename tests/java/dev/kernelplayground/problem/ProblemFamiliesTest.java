package dev.kernelplayground.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.check.Arithmetic;
import dev.kernelplayground.lessonkernels.matmul.MatmulCases;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The registry of problem families: one name and one label each, sizes that fit their names, problems that fit. */
class ProblemFamiliesTest {
  @Test
  void namesAndLabelsAreUniqueAndEveryLabelLeadsBackToItsFamily() {
    Set<String> names = new HashSet<>();
    Set<String> labels = new HashSet<>();
    for (ProblemFamily<?> family : ProblemFamilies.all()) {
      assertTrue(names.add(family.name()), family.name());
      assertSame(family, ProblemFamilies.byName(family.name()).orElseThrow());
      for (ReferenceCheck check : family.checks()) {
        assertTrue(labels.add(check.label()), check.label());
        assertSame(family, ReferenceCheck.named(check.label()).family());
      }
    }
    assertEquals(String.join(", ", ReferenceCheck.all().stream().map(ReferenceCheck::label).toList()),
        ReferenceCheck.labels());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReferenceCheck.named("fft"));
    assertTrue(e.getMessage().contains("the checks are vector_add, copy, matmul"), e.getMessage());
  }

  @Test
  void theFp16ChecksReadHalvesAndCompareWithTensorCores() {
    ReferenceCheck fp16 = ReferenceCheck.named("matmul_fp16");
    assertEquals("__half", fp16.inputElementType());
    assertEquals(Precision.FP16_TENSOR_FP32_ACC, fp16.precision());
    assertEquals(GpuComparison.CUBLAS_HGEMM, fp16.comparison());
    MatmulProblem p = (MatmulProblem) fp16.problem(Map.of("m", 3, "n", 5, "k", 7), 1);
    assertEquals(Arithmetic.FP16_IN_FP32_ACC, p.arithmetic());
    assertEquals("float", ReferenceCheck.named("matmul").inputElementType());
  }

  @Test
  void switchesComeLastAndTheJavaKernelsLeaveThemOff() {
    ProblemFamily<AttentionProblem> attention = ProblemFamilies.ATTENTION;
    assertEquals(List.of("batch", "heads", "seq", "dim", "causal"), attention.sizeNames());
    assertEquals(List.of("batch", "heads", "seq", "dim"), attention.extentNames());
    assertEquals(List.of("causal"), attention.switchNames());
    int[] sizes = {2, 3, 19, 24, 1};
    assertArrayEquals(new int[] {2, 3, 19, 24}, attention.extents(sizes));
    assertArrayEquals(new int[] {1}, attention.switchValues(sizes));
    assertArrayEquals(sizes, attention.withSwitches(new int[] {2, 3, 19, 24}, new int[] {1}));
    assertFalse(attention.javaProblem(new int[] {1, 1, 5, 4}, 3).causal());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> attention.plainJava(new int[] {1, 1, 5}, 3));
    assertEquals("attention takes 4 sizes (batch×heads×seq×dim), got 3", e.getMessage());
  }

  @Test
  void aShapeThatDoesNotFitTheSizeNamesIsRefusedWhenTheFamilyIsDeclared() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ProblemFamily.of("mine", (s, seed, arithmetic) -> MatmulProblem.random(s[0], s[1], s[2], seed))
            .sizes("m", "n", "k").inputs("a", "b").plainJava(MatmulCases::plainJava)
            .check("mine", Arithmetic.FP32, GpuComparison.CUBLAS_SGEMM)
            .defaultSize(4, 4, 4).gpuChecks(new int[] {3, 5}).benchQuick(new int[] {4, 4, 4})
            .benchFull(new int[] {4, 4, 4}).javaBench(4, 4, 4).testSmall(3, 5, 7)
            .testLaunches(new int[] {1, 1, 1}).testEmulator(new int[] {1, 1, 1})
            .testOpenCl(new int[] {1, 1, 1}).testJavaThreadPool(new int[] {1, 1, 1})
            .build());
    assertEquals("problem family mine: the GPU checks [3, 5] is not m×n×k", e.getMessage());
  }
}
