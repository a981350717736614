package dev.kernelplayground.cudasource;

import dev.kernelplayground.ada.Precision;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which float64 reference checks a kernel, named in its header's {@code @kp check:} line, with the problem's
 * size names (in order), its input buffers and their element type. The sizes a kernel's launch is evaluated at
 * when no size is given come from here too.
 */
public enum ReferenceCheck {
  VECTOR_ADD("vector_add", List.of("n"), List.of("a", "b"), "float", Map.of("n", 1 << 24)),
  COPY("copy", List.of("n"), List.of("x"), "float", Map.of("n", 1 << 24)),
  MATMUL("matmul", List.of("m", "n", "k"), List.of("a", "b"), "float", Map.of("m", 4096, "n", 4096, "k", 4096)),
  MATMUL_FP16(
      "matmul_fp16", List.of("m", "n", "k"), List.of("a", "b"), "__half", Map.of("m", 4096, "n", 4096, "k", 4096)),
  SOFTMAX("softmax", List.of("rows", "cols"), List.of("x"), "float", Map.of("rows", 4096, "cols", 4096)),
  ATTENTION(
      "attention",
      List.of("batch", "heads", "seq", "dim", "causal"),
      List.of("q", "k", "v"),
      "float",
      Map.of("batch", 4, "heads", 16, "seq", 1024, "dim", 64, "causal", 0)),
  ATTENTION_FP16(
      "attention_fp16",
      List.of("batch", "heads", "seq", "dim", "causal"),
      List.of("q", "k", "v"),
      "__half",
      Map.of("batch", 4, "heads", 16, "seq", 1024, "dim", 64, "causal", 0));

  private final String label;
  private final List<String> sizeNames;
  private final List<String> inputNames;
  private final String inputElementType;
  private final Map<String, Integer> defaultSizes;

  ReferenceCheck(
      String label,
      List<String> sizeNames,
      List<String> inputNames,
      String inputElementType,
      Map<String, Integer> defaultSizes) {
    this.label = label;
    this.sizeNames = sizeNames;
    this.inputNames = inputNames;
    this.inputElementType = inputElementType;
    this.defaultSizes = defaultSizes;
  }

  /** What a kernel's timings are compared with: the tensor cores' fp16 peak for the fp16 checks, else fp32. */
  public Precision precision() {
    return this == MATMUL_FP16 || this == ATTENTION_FP16 ? Precision.FP16_TENSOR_FP32_ACC : Precision.FP32;
  }

  /** The name used in headers, e.g. "matmul_fp16". */
  public String label() {
    return label;
  }

  /** The problem's sizes in header order, e.g. m, n, k. */
  public List<String> sizeNames() {
    return sizeNames;
  }

  /** The input buffers' argument names, e.g. a, b. */
  public List<String> inputNames() {
    return inputNames;
  }

  /** C element type of the input buffers: "float", or "__half" for the fp16 checks. The output is float. */
  public String inputElementType() {
    return inputElementType;
  }

  /** Sizes used when none are given (e.g. to compute occupancy), in header order. */
  public Map<String, Integer> defaultSizes() {
    Map<String, Integer> ordered = new LinkedHashMap<>();
    sizeNames.forEach(name -> ordered.put(name, defaultSizes.get(name)));
    return ordered;
  }

  /** The check with this header label, or empty. */
  public static java.util.Optional<ReferenceCheck> byLabel(String label) {
    return Arrays.stream(values()).filter(c -> c.label.equals(label)).findFirst();
  }

  /** All labels, comma separated, for error messages. */
  public static String labels() {
    return Arrays.stream(values()).map(ReferenceCheck::label).collect(Collectors.joining(", "));
  }
}
