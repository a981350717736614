package dev.kernelplayground.problem;

import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.check.Arithmetic;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which float64 reference checks a kernel, named in its header's {@code @kp check:} line: a problem family
 * in one arithmetic (matmul, or matmul_fp16 for fp16 inputs with fp32 accumulation). Its families declare
 * the checks ({@link ProblemFamilies}).
 *
 * @param label the name used in headers, e.g. "matmul_fp16"
 * @param family the problem, its sizes and inputs
 * @param arithmetic the number formats the kernel computes in, which the check's bounds allow for
 * @param comparison what a kernel's GPU speed is a percentage of
 */
public record ReferenceCheck(String label, ProblemFamily<?> family, Arithmetic arithmetic, GpuComparison comparison) {
  /** Every check, family by family. */
  public static List<ReferenceCheck> all() {
    return ProblemFamilies.all().stream().flatMap(f -> f.checks().stream()).toList();
  }

  /** The check with this header label, or empty. */
  public static Optional<ReferenceCheck> byLabel(String label) {
    return all().stream().filter(c -> c.label.equals(label)).findFirst();
  }

  /** The check with this header label. */
  public static ReferenceCheck named(String label) {
    return byLabel(label).orElseThrow(
        () -> new IllegalArgumentException("unknown check '" + label + "'; the checks are " + labels()));
  }

  /** All labels, comma separated, for error messages. */
  public static String labels() {
    return all().stream().map(ReferenceCheck::label).collect(Collectors.joining(", "));
  }

  /** The problem's sizes in header order, e.g. m, n, k. */
  public List<String> sizeNames() {
    return family.sizeNames();
  }

  /** The input buffers' argument names, e.g. a, b. */
  public List<String> inputNames() {
    return family.inputNames();
  }

  /** C element type of the input buffers: "float", or "__half" for fp16 inputs. The output is float. */
  public String inputElementType() {
    return switch (arithmetic) {
      case FP32 -> "float";
      case FP16, FP16_IN_FP32_ACC -> "__half";
      case BF16_IN_FP32_ACC -> "__nv_bfloat16";
    };
  }

  /** What a kernel's timings are compared with: the tensor cores' peak for rounded inputs, else fp32. */
  public Precision precision() {
    return switch (arithmetic) {
      case FP32 -> Precision.FP32;
      case FP16_IN_FP32_ACC -> Precision.FP16_TENSOR_FP32_ACC;
      case FP16 -> Precision.FP16_TENSOR_FP16_ACC;
      case BF16_IN_FP32_ACC -> Precision.BF16_TENSOR_FP32_ACC;
    };
  }

  /** Sizes used when none are given (e.g. to compute occupancy), in header order. */
  public Map<String, Integer> defaultSizes() {
    return family.named(family.defaultSize());
  }

  /**
   * The problem at {@code sizes} (every one of the check's size names, as whole numbers; a switch such as
   * attention's {@code causal} 0 or 1), with inputs drawn from {@code seed}, checked in this arithmetic.
   *
   * @throws IllegalArgumentException when a size is missing or a problem that big cannot be made
   */
  public Problem problem(Map<String, Integer> sizes, long seed) {
    List<String> names = family.sizeNames();
    int[] values = new int[names.size()];
    for (int i = 0; i < values.length; i++) {
      Integer value = sizes.get(names.get(i));
      if (value == null) {
        throw new IllegalArgumentException("size '" + names.get(i) + "' was not given");
      }
      values[i] = value;
    }
    return family.problem(values, seed, arithmetic);
  }

  @Override
  public String toString() {
    return label;
  }
}
