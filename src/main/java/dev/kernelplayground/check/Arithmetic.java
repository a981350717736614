package dev.kernelplayground.check;

import dev.kernelplayground.reference.LowPrecision;
import java.util.Locale;

/**
 * The number formats a kernel computes in, as the checker needs them: the unit roundoff of its inputs
 * (inputs are rounded to this format before they are multiplied; fp32 inputs are exact) and of its
 * accumulator and output.
 */
public enum Arithmetic {
  /** float in, float accumulate, float out. */
  FP32(Format.FP32, Format.FP32),
  /** Inputs rounded to fp16, products accumulated in fp32 (tensor-core HMMA with fp32 accumulate). */
  FP16_IN_FP32_ACC(Format.FP16, Format.FP32),
  /** Inputs rounded to bf16, products accumulated in fp32. */
  BF16_IN_FP32_ACC(Format.BF16, Format.FP32),
  /** fp16 everywhere, including the accumulator. */
  FP16(Format.FP16, Format.FP16);

  /** A floating-point format, known here by its unit roundoff. */
  private enum Format {
    FP32,
    FP16,
    BF16;

    /** Half a unit in the last place at 1, as {@link LowPrecision} gives it. */
    double unitRoundoff() {
      return switch (this) {
        case FP32 -> LowPrecision.UNIT_ROUNDOFF_FP32;
        case FP16 -> LowPrecision.UNIT_ROUNDOFF_FP16;
        case BF16 -> LowPrecision.UNIT_ROUNDOFF_BF16;
      };
    }
  }

  private final Format input;
  private final Format accumulate;

  Arithmetic(Format input, Format accumulate) {
    this.input = input;
    this.accumulate = accumulate;
  }

  /** "fp32" or "fp16" for one format throughout, else e.g. "fp16 inputs, fp32 accumulate". */
  public String label() {
    return input == accumulate
        ? name(input)
        : name(input) + " inputs, " + name(accumulate) + " accumulate";
  }

  private static String name(Format format) {
    return format.name().toLowerCase(Locale.ROOT);
  }

  /** Relative error of rounding an fp32 input to the kernel's input format; 0 for fp32 inputs. */
  public double inputRoundoff() {
    return input == Format.FP32 ? 0 : input.unitRoundoff();
  }

  /** Unit roundoff u of the accumulator and output: 2^-24 for fp32. */
  public double accumulateRoundoff() {
    return accumulate.unitRoundoff();
  }
}
