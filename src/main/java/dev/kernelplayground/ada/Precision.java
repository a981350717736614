package dev.kernelplayground.ada;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A number format and the unit that does the arithmetic: the CUDA cores (FP64, FP32, FP16) or the 4th-generation
 * tensor cores with a given accumulator. {@link GpuSpec#peakFlops(Precision)} gives each one's peak rate.
 */
public enum Precision {
  /** Double precision on the 2 FP64 units per SM (1/64 of the FP32 rate on Ada). */
  FP64("FP64 (CUDA cores)", "fp64", "double"),
  /** Single precision FMA on the 128 FP32 lanes per SM. */
  FP32("FP32 (CUDA cores)", "fp32", "float", "single"),
  /** Half precision on the CUDA cores (not the tensor cores): the same rate as FP32 on Ada. */
  FP16("FP16 (CUDA cores)", "fp16", "half"),
  /** TF32 inputs on the tensor cores, FP32 accumulate. */
  TF32_TENSOR("TF32 tensor", "tf32", "tf32-tensor"),
  /** FP16 inputs on the tensor cores with FP32 accumulate: the usual mixed-precision GEMM. */
  FP16_TENSOR_FP32_ACC("FP16 tensor, FP32 accumulate", "fp16-tensor", "fp16-tensor-fp32-acc"),
  /** FP16 inputs on the tensor cores with FP16 accumulate. */
  FP16_TENSOR_FP16_ACC("FP16 tensor, FP16 accumulate", "fp16-tensor-fp16-acc"),
  /** BF16 inputs on the tensor cores (BF16 always accumulates in FP32). */
  BF16_TENSOR_FP32_ACC("BF16 tensor, FP32 accumulate", "bf16", "bf16-tensor", "bf16-tensor-fp32-acc"),
  /** FP8 (E4M3 / E5M2) inputs on the tensor cores with FP32 accumulate (half rate on GeForce parts). */
  FP8_TENSOR_FP32_ACC("FP8 tensor, FP32 accumulate", "fp8", "fp8-tensor", "fp8-tensor-fp32-acc"),
  /** FP8 (E4M3 / E5M2) inputs on the tensor cores with FP16 accumulate: the headline FP8 rate of every Ada part. */
  FP8_TENSOR_FP16_ACC("FP8 tensor, FP16 accumulate", "fp8-tensor-fp16-acc");

  private final String label;
  private final List<String> names;

  Precision(String label, String... names) {
    this.label = label;
    this.names = List.of(names);
  }

  /** Human-readable name, e.g. "FP16 tensor, FP32 accumulate". */
  public String label() {
    return label;
  }

  /** The short name the command line accepts first, e.g. "fp16-tensor". */
  public String cliName() {
    return names.get(0);
  }

  /**
   * Finds a precision by one of its short names ("fp32", "bf16", "fp16-tensor") or its constant name in any case
   * ("FP16_TENSOR_FP32_ACC", "fp16-tensor-fp32-acc").
   */
  public static Optional<Precision> find(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return Arrays.stream(values())
        .filter(p -> p.names.contains(wanted) || p.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(wanted))
        .findFirst();
  }

  /** Like {@link #find} but throws {@link IllegalArgumentException} naming the accepted values. */
  public static Precision parse(String name) {
    return find(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown precision '" + name + "'; use one of " + cliNames()));
  }

  /** The accepted short names, comma separated. */
  public static String cliNames() {
    return String.join(", ", Arrays.stream(values()).map(Precision::cliName).toList());
  }
}
