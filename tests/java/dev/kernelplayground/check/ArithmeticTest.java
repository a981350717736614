package dev.kernelplayground.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArithmeticTest {
  /** The labels messages print, and the unit roundoffs the tolerances are built from. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "FP32             | fp32                          | 0       | 0x1p-24",
    "FP16_IN_FP32_ACC | fp16 inputs, fp32 accumulate  | 0x1p-11 | 0x1p-24",
    "BF16_IN_FP32_ACC | bf16 inputs, fp32 accumulate  | 0x1p-8  | 0x1p-24",
    "FP16             | fp16                          | 0x1p-11 | 0x1p-11"
  })
  void labelsAndRoundoffs(Arithmetic arithmetic, String label, double input, double accumulate) {
    assertEquals(label, arithmetic.label());
    assertEquals(input, arithmetic.inputRoundoff());
    assertEquals(accumulate, arithmetic.accumulateRoundoff());
  }
}
