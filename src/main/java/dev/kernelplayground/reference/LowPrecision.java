package dev.kernelplayground.reference;

/**
 * Rounding helpers and unit roundoffs for mixed-precision work: fp16 (IEEE binary16) and bf16 (bfloat16)
 * rounding of floats, their 16-bit patterns, and the unit roundoff u (half a unit in the last place at 1)
 * of fp32, fp16, bf16 and the two fp8 formats.
 *
 * <p>All rounding is round-to-nearest, ties-to-even, as GPU conversions ({@code __float2half_rn},
 * {@code __float2bfloat16_rn}) do. Bit patterns are returned as an {@code int} holding the 16 bits in its low
 * half ({@code 0x0000..0xFFFF}).
 */
public final class LowPrecision {
  /** Unit roundoff of fp32: 2^-24. */
  public static final double UNIT_ROUNDOFF_FP32 = 0x1p-24;

  /** Unit roundoff of fp16 (10 stored mantissa bits): 2^-11. */
  public static final double UNIT_ROUNDOFF_FP16 = 0x1p-11;

  /** Unit roundoff of bf16 (7 stored mantissa bits): 2^-8. */
  public static final double UNIT_ROUNDOFF_BF16 = 0x1p-8;

  /** Unit roundoff of fp8 e4m3 (3 stored mantissa bits): 2^-4. */
  public static final double UNIT_ROUNDOFF_FP8_E4M3 = 0x1p-4;

  /** Unit roundoff of fp8 e5m2 (2 stored mantissa bits): 2^-3. */
  public static final double UNIT_ROUNDOFF_FP8_E5M2 = 0x1p-3;

  /** Largest finite fp16 value, 65504. */
  public static final float HALF_MAX = 65504f;

  /** Largest finite bf16 value, (2 - 2^-7)·2^127. */
  public static final float BFLOAT16_MAX = 0x1.FEp127f;

  private LowPrecision() {}

  /** The fp16 bit pattern nearest to {@code x} (ties to even; overflow gives ±Inf, NaN stays NaN). */
  public static int halfBits(float x) {
    return Float.floatToFloat16(x) & 0xFFFF;
  }

  /** The float value of the fp16 bit pattern in the low 16 bits of {@code bits}. */
  public static float fromHalfBits(int bits) {
    return Float.float16ToFloat((short) requireSixteenBits(bits));
  }

  /** {@code x} rounded to the nearest fp16 value, returned as a float (which holds it exactly). */
  public static float toHalf(float x) {
    return Float.float16ToFloat(Float.floatToFloat16(x));
  }

  /** Each element rounded to fp16, in a new array. */
  public static float[] toHalf(float[] x) {
    return rounded(x, LowPrecision::toHalf);
  }

  /**
   * The bf16 bit pattern nearest to {@code x}: the upper 16 bits of the float after rounding the lower 16 to
   * nearest, ties to even. Overflow carries into the exponent and gives ±Inf; subnormals round the same way;
   * NaN stays NaN (quieted, sign kept).
   */
  public static int bfloat16Bits(float x) {
    int bits = Float.floatToRawIntBits(x);
    if (Float.isNaN(x)) {
      return (bits >>> 16) | 0x0040; // set the quiet bit so that dropping the low payload cannot give Inf
    }
    int lsb = (bits >>> 16) & 1;
    return (bits + 0x7FFF + lsb) >>> 16;
  }

  /** The float value of the bf16 bit pattern in the low 16 bits of {@code bits}. */
  public static float fromBFloat16Bits(int bits) {
    return Float.intBitsToFloat(requireSixteenBits(bits) << 16);
  }

  /** {@code x} rounded to the nearest bf16 value, returned as a float (which holds it exactly). */
  public static float toBFloat16(float x) {
    return Float.intBitsToFloat(bfloat16Bits(x) << 16);
  }

  /** Each element rounded to bf16, in a new array. */
  public static float[] toBFloat16(float[] x) {
    return rounded(x, LowPrecision::toBFloat16);
  }

  /** Each element through {@code round}, in a new array. */
  private static float[] rounded(float[] x, FloatUnaryOperator round) {
    float[] rounded = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      rounded[i] = round.apply(x[i]);
    }
    return rounded;
  }

  @FunctionalInterface
  private interface FloatUnaryOperator {
    float apply(float x);
  }

  private static int requireSixteenBits(int bits) {
    if ((bits & ~0xFFFF) != 0) {
      throw new IllegalArgumentException(
          "a 16-bit pattern must lie in 0x0000..0xFFFF but is 0x" + Integer.toHexString(bits));
    }
    return bits;
  }
}
