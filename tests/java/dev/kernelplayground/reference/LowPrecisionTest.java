package dev.kernelplayground.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LowPrecisionTest {
  @Test
  void unitRoundoffs() {
    assertEquals(Math.pow(2, -24), LowPrecision.UNIT_ROUNDOFF_FP32);
    assertEquals(Math.pow(2, -11), LowPrecision.UNIT_ROUNDOFF_FP16);
    assertEquals(Math.pow(2, -8), LowPrecision.UNIT_ROUNDOFF_BF16);
    assertEquals(Math.pow(2, -4), LowPrecision.UNIT_ROUNDOFF_FP8_E4M3);
    assertEquals(Math.pow(2, -3), LowPrecision.UNIT_ROUNDOFF_FP8_E5M2);
    assertEquals(Math.ulp(1f) / 2, LowPrecision.UNIT_ROUNDOFF_FP32);
  }

  @Test
  void halfBitPatterns() {
    assertEquals(0x3C00, LowPrecision.halfBits(1f));
    assertEquals(0xBC00, LowPrecision.halfBits(-1f));
    assertEquals(0x0000, LowPrecision.halfBits(0f));
    assertEquals(0x8000, LowPrecision.halfBits(-0f));
    assertEquals(0x4000, LowPrecision.halfBits(2f));
    assertEquals(0x3555, LowPrecision.halfBits(1f / 3));
    assertEquals(0x7BFF, LowPrecision.halfBits(65504f));
    assertEquals(0x7C00, LowPrecision.halfBits(Float.POSITIVE_INFINITY));
    assertEquals(0x0001, LowPrecision.halfBits(0x1p-24f)); // smallest subnormal
    assertEquals(0x0400, LowPrecision.halfBits(0x1p-14f)); // smallest normal
    assertTrue(Float.isNaN(LowPrecision.fromHalfBits(LowPrecision.halfBits(Float.NaN))));
    assertEquals(1f, LowPrecision.fromHalfBits(0x3C00));
    assertEquals(-2f, LowPrecision.fromHalfBits(0xC000));
  }

  @Test
  void halfOverflowAndMaximum() {
    assertEquals(65504f, LowPrecision.toHalf(65504f));
    assertEquals(65504f, LowPrecision.toHalf(65519.99f)); // below the midpoint to 2^16
    assertEquals(Float.POSITIVE_INFINITY, LowPrecision.toHalf(65520f)); // tie: the even neighbour is Inf
    assertEquals(Float.NEGATIVE_INFINITY, LowPrecision.toHalf(-65520f));
    assertEquals(LowPrecision.HALF_MAX, LowPrecision.fromHalfBits(0x7BFF));
  }

  @Test
  void halfTiesRoundToEven() {
    assertEquals(1f, LowPrecision.toHalf(1 + 0x1p-11f)); // tie between 1 and 1 + 2^-10
    assertEquals(1 + 0x1p-9f, LowPrecision.toHalf(1 + 3 * 0x1p-11f)); // tie, rounds up to even
    assertEquals(1 + 0x1p-10f, LowPrecision.toHalf(1 + 0x1p-11f + 0x1p-20f)); // just above the tie
    assertEquals(0f, LowPrecision.toHalf(0x1p-25f)); // tie between 0 and the smallest subnormal
    assertEquals(0x1p-24f, LowPrecision.toHalf(3 * 0x1p-26f));
    assertEquals(2 * 0x1p-24f, LowPrecision.toHalf(3 * 0x1p-25f)); // subnormal tie 1.5 → 2
  }

  @Test
  void bfloat16BitPatterns() {
    assertEquals(0x3F80, LowPrecision.bfloat16Bits(1f));
    assertEquals(0xBF80, LowPrecision.bfloat16Bits(-1f));
    assertEquals(0x8000, LowPrecision.bfloat16Bits(-0f));
    assertEquals(0x7F80, LowPrecision.bfloat16Bits(Float.POSITIVE_INFINITY));
    assertEquals(0xFF80, LowPrecision.bfloat16Bits(Float.NEGATIVE_INFINITY));
    assertEquals(0x3EAB, LowPrecision.bfloat16Bits(1f / 3)); // 0x3EAAAAAB rounds up
    assertEquals(0x7F7F, LowPrecision.bfloat16Bits(LowPrecision.BFLOAT16_MAX));
    assertEquals(1f, LowPrecision.fromBFloat16Bits(0x3F80));
    assertEquals(LowPrecision.BFLOAT16_MAX, LowPrecision.fromBFloat16Bits(0x7F7F));
  }

  @Test
  void bfloat16TiesRoundToEven() {
    assertEquals(1f, LowPrecision.toBFloat16(1 + 0x1p-8f)); // exact tie, 0x3F80 is even
    assertEquals(1 + 0x1p-7f, LowPrecision.toBFloat16(1 + 3 * 0x1p-9f)); // above the tie
    assertEquals(1 + 0x1p-6f, LowPrecision.toBFloat16(1 + 0x1p-7f + 0x1p-8f)); // tie, 0x3F81 odd → up
    assertEquals(1f, LowPrecision.toBFloat16(1 + 0x1p-8f - 0x1p-23f)); // just below the tie
  }

  @Test
  void bfloat16OverflowsToInfinity() {
    assertEquals(Float.POSITIVE_INFINITY, LowPrecision.toBFloat16(Float.MAX_VALUE));
    assertEquals(Float.NEGATIVE_INFINITY, LowPrecision.toBFloat16(-Float.MAX_VALUE));
    float belowMidpoint = Float.intBitsToFloat(0x7F7F7FFF);
    assertEquals(LowPrecision.BFLOAT16_MAX, LowPrecision.toBFloat16(belowMidpoint));
    assertEquals(Float.POSITIVE_INFINITY, LowPrecision.toBFloat16(Float.intBitsToFloat(0x7F7F8000)));
  }

  @Test
  void bfloat16Subnormals() {
    assertEquals(0f, LowPrecision.toBFloat16(Float.MIN_VALUE));
    assertEquals(0x0000, LowPrecision.bfloat16Bits(Float.intBitsToFloat(0x00008000))); // tie → even 0
    assertEquals(0x0002, LowPrecision.bfloat16Bits(Float.intBitsToFloat(0x00018000))); // tie → even 2
    assertEquals(0x0001, LowPrecision.bfloat16Bits(Float.intBitsToFloat(0x00008001)));
    // the largest subnormal rounds up to the smallest normal
    assertEquals(0x0080, LowPrecision.bfloat16Bits(Float.intBitsToFloat(0x007FFFFF)));
    assertEquals(0x8001, LowPrecision.bfloat16Bits(-Float.intBitsToFloat(0x00010000)));
  }

  @Test
  void bfloat16NaNStaysNaN() {
    for (int bits : new int[] {0x7FC00000, 0x7F800001, 0xFF800001, 0x7F80FFFF, 0x7FFFFFFF}) {
      float nan = Float.intBitsToFloat(bits);
      assertTrue(Float.isNaN(LowPrecision.toBFloat16(nan)), Integer.toHexString(bits));
      assertEquals(bits >>> 31, LowPrecision.bfloat16Bits(nan) >>> 15,
          "sign of " + Integer.toHexString(bits));
    }
  }

  @Test
  void bfloat16IsNearestOnRandomValues() {
    long seed = 13;
    Random random = new Random(seed);
    for (int t = 0; t < 100_000; t++) {
      float x = Float.intBitsToFloat(random.nextInt());
      if (!Float.isFinite(x)) {
        continue;
      }
      int bits = Float.floatToRawIntBits(x);
      float down = Float.intBitsToFloat(bits & 0xFFFF0000); // truncation toward zero
      float up = Float.intBitsToFloat((bits & 0xFFFF0000) + 0x10000); // next bf16 away from zero
      float rounded = LowPrecision.toBFloat16(x);
      double errDown = Math.abs((double) x - down);
      double errUp = Float.isInfinite(up) ? Math.abs((double) x - Math.copySign(0x1p128, x))
          : Math.abs((double) x - up);
      float expected = errDown < errUp ? down
          : errUp < errDown ? up
          : (((bits >>> 16) & 1) == 0 ? down : up);
      assertEquals(expected, rounded, "seed " + seed + ", x bits 0x" + Integer.toHexString(bits));
    }
  }

  @Test
  void arrayVersionsRoundEveryElement() {
    float[] x = {1 + 0x1p-8f, 1 + 3 * 0x1p-9f, 65520f, 1 + 3 * 0x1p-11f};
    assertArrayEquals(new float[] {1, 1 + 0x1p-7f, 65536f, 1}, LowPrecision.toBFloat16(x));
    assertArrayEquals(new float[] {1 + 0x1p-8f, 1 + 3 * 0x1p-9f, Float.POSITIVE_INFINITY, 1 + 0x1p-9f},
        LowPrecision.toHalf(x));
  }

  @Test
  void patternsOutsideSixteenBitsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> LowPrecision.fromHalfBits(0x10000));
    assertThrows(IllegalArgumentException.class, () -> LowPrecision.fromBFloat16Bits(-1));
  }
}
