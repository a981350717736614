package dev.kernelplayground.cudasource;

import dev.kernelplayground.check.Arithmetic;
import dev.kernelplayground.problem.AttentionProblem;
import dev.kernelplayground.problem.CopyProblem;
import dev.kernelplayground.problem.MatmulProblem;
import dev.kernelplayground.problem.Problem;
import dev.kernelplayground.problem.SoftmaxProblem;
import dev.kernelplayground.problem.VectorAddProblem;
import dev.kernelplayground.reference.AttentionShape;
import java.util.Map;

/**
 * The problem a header's {@code @kp check:} names, drawn at random for concrete sizes: the inputs a kernel
 * reads, the float64 reference it is checked against, and the work it does. The fp16 checks make problems
 * whose bounds allow for inputs rounded to fp16 ({@link Arithmetic#FP16_IN_FP32_ACC}).
 */
public final class CheckProblems {
  private CheckProblems() {}

  /**
   * The problem for {@code check} at {@code sizes} (every one of the check's size names, as whole numbers;
   * attention's {@code causal} is 0 or 1), with inputs drawn from {@code seed}.
   *
   * @throws IllegalArgumentException when a size is missing or a problem that big cannot be made
   */
  public static Problem create(ReferenceCheck check, Map<String, Integer> sizes, long seed) {
    return switch (check) {
      case VECTOR_ADD -> VectorAddProblem.random(size(sizes, "n"), seed);
      case COPY -> CopyProblem.random(size(sizes, "n"), seed);
      case MATMUL -> MatmulProblem.random(size(sizes, "m"), size(sizes, "n"), size(sizes, "k"), seed);
      case MATMUL_FP16 -> MatmulProblem.random(
          size(sizes, "m"), size(sizes, "n"), size(sizes, "k"), seed, Arithmetic.FP16_IN_FP32_ACC);
      case SOFTMAX -> SoftmaxProblem.random(size(sizes, "rows"), size(sizes, "cols"), seed);
      case ATTENTION -> AttentionProblem.random(shape(sizes), causal(sizes), seed);
      case ATTENTION_FP16 ->
          AttentionProblem.random(shape(sizes), causal(sizes), seed, Arithmetic.FP16_IN_FP32_ACC);
    };
  }

  private static AttentionShape shape(Map<String, Integer> sizes) {
    return new AttentionShape(size(sizes, "batch"), size(sizes, "heads"), size(sizes, "seq"), size(sizes, "dim"));
  }

  private static boolean causal(Map<String, Integer> sizes) {
    return size(sizes, "causal") == 1;
  }

  private static int size(Map<String, Integer> sizes, String name) {
    Integer value = sizes.get(name);
    if (value == null) {
      throw new IllegalArgumentException("size '" + name + "' was not given");
    }
    return value;
  }
}
