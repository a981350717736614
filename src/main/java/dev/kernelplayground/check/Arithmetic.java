package dev.kernelplayground.check;

/**
 * The number formats a kernel computes in, as the checker needs them: the unit roundoff of its inputs
 * (inputs are rounded to this format before they are multiplied; fp32 inputs are exact) and of its
 * accumulator and output.
 */
public enum Arithmetic {
  /** float in, float accumulate, float out. */
  FP32("fp32", 0, 0x1p-24),
  /** Inputs rounded to fp16, products accumulated in fp32 (tensor-core HMMA with fp32 accumulate). */
  FP16_IN_FP32_ACC("fp16 inputs, fp32 accumulate", 0x1p-11, 0x1p-24),
  /** Inputs rounded to bf16, products accumulated in fp32. */
  BF16_IN_FP32_ACC("bf16 inputs, fp32 accumulate", 0x1p-8, 0x1p-24),
  /** fp16 everywhere, including the accumulator. */
  FP16("fp16", 0x1p-11, 0x1p-11);

  private final String label;
  private final double inputRoundoff;
  private final double accumulateRoundoff;

  Arithmetic(String label, double inputRoundoff, double accumulateRoundoff) {
    this.label = label;
    this.inputRoundoff = inputRoundoff;
    this.accumulateRoundoff = accumulateRoundoff;
  }

  public String label() {
    return label;
  }

  /** Relative error of rounding an fp32 input to the kernel's input format; 0 for fp32 inputs. */
  public double inputRoundoff() {
    return inputRoundoff;
  }

  /** Unit roundoff u of the accumulator and output: 2^-24 for fp32. */
  public double accumulateRoundoff() {
    return accumulateRoundoff;
  }
}
