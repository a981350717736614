package dev.kernelplayground.ada;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.ada.GpuSpec.Segment;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AdaGpusTest {

  static List<GpuSpec> all() {
    return AdaGpus.all();
  }

  @Test
  void rtx4090FiguresFromTheWhitepaper() {
    // a full AD102 has 144 SMs; the 4090 enables 128
    assertEquals(
        new GpuSpec("GeForce RTX 4090", "AD102", 144, Segment.GEFORCE, "8.9", 128, 16_384, 512, 2.52, 82.6, 165.2,
            330.3, 330.3, "GDDR6X", 1008, 72, 24, 450),
        AdaGpus.RTX_4090);
  }

  /** Peak FP32 = lanes × 2 FLOP per FMA × boost clock: every spec must agree with itself within 1%. */
  @ParameterizedTest
  @MethodSource("all")
  void fp32PeakIsLanesTimesTwoTimesClock(GpuSpec g) {
    double fromClock = g.fp32TflopsFromClock();
    assertEquals(g.fp32Tflops(), fromClock, 0.01 * g.fp32Tflops(), g.name() + ": " + fromClock + " from the clock");
  }

  /** Every Ada SM has 128 FP32 lanes and 4 tensor cores. */
  @ParameterizedTest
  @MethodSource("all")
  void perSmCounts(GpuSpec g) {
    assertEquals(128 * g.smCount(), g.fp32Lanes(), g.name());
    assertEquals(4 * g.smCount(), g.tensorCores(), g.name());
    assertTrue(g.smCount() <= g.chipSmCount(), g.name());
    assertEquals("8.9", g.computeCapability());
  }

  /**
   * One 4th-gen tensor core does 256 dense FP16 FLOP per clock (FP8: twice that): the tensor rates must match
   * cores × clock within 2% (the L40S datasheet's 362.05 FP16 TFLOPS is 1.2% under 568 × 256 × 2.52 GHz).
   */
  @ParameterizedTest
  @MethodSource("all")
  void tensorRatesMatchCoresAndClock(GpuSpec g) {
    double fp16 = g.tensorCores() * 256 * g.boostClockGhz() / 1000;
    assertEquals(fp16, g.fp16TensorTflopsFp16Acc(), 0.02 * fp16, g.name() + " FP16 accumulate");
    assertEquals(2 * fp16, g.peakFlops(Precision.FP8_TENSOR_FP16_ACC) / 1e12, 0.04 * fp16, g.name() + " FP8, FP16 accumulate");
    // whitepaper v2.02: GeForce halves FP8 with FP32 accumulate, as it halves FP16 inputs; the others do not
    double fp8Fp32Acc = g.segment() == Segment.GEFORCE ? fp16 : 2 * fp16;
    assertEquals(fp8Fp32Acc, g.fp8TensorTflopsFp32Acc(), 0.04 * fp16, g.name() + " FP8, FP32 accumulate");
  }

  /** GeForce parts run FP16/BF16 with FP32 accumulate at half rate; workstation and data-center parts do not. */
  @ParameterizedTest
  @MethodSource("all")
  void fp32AccumulateHalvedOnlyOnGeForce(GpuSpec g) {
    double expected = g.segment() == Segment.GEFORCE ? g.fp16TensorTflopsFp16Acc() / 2 : g.fp16TensorTflopsFp16Acc();
    assertEquals(expected, g.fp16TensorTflopsFp32Acc(), 0.06, g.name());
  }

  @Test
  void peakFlopsPerPrecision() {
    GpuSpec g = AdaGpus.RTX_4090;
    assertEquals(82.6e12, g.peakFlops(Precision.FP32), 1);
    assertEquals(82.6e12, g.peakFlops(Precision.FP16), 1);
    assertEquals(82.6e12 / 64, g.peakFlops(Precision.FP64), 1);
    assertEquals(82.6e12, g.peakFlops(Precision.TF32_TENSOR), 1, "whitepaper: TF32 tensor 82.6 TFLOPS dense");
    assertEquals(165.2e12, g.peakFlops(Precision.FP16_TENSOR_FP32_ACC), 1);
    assertEquals(165.2e12, g.peakFlops(Precision.BF16_TENSOR_FP32_ACC), 1);
    assertEquals(330.3e12, g.peakFlops(Precision.FP16_TENSOR_FP16_ACC), 1);
    assertEquals(330.3e12, g.peakFlops(Precision.FP8_TENSOR_FP32_ACC), 1, "whitepaper v2.02: 330.3 dense with FP32 accumulate");
    assertEquals(660.6e12, g.peakFlops(Precision.FP8_TENSOR_FP16_ACC), 1, "whitepaper: 660.6 dense with FP16 accumulate");
    assertEquals(1008e9, g.memoryBandwidthBytesPerSecond(), 1);
    // L40S datasheet: TF32 183 TFLOPS dense; half of its 362.05 FP16 figure is 181.0 (the datasheet's FP16 figure
    // sits 1.2% under cores × clock, its TF32 figure does not).
    assertEquals(183, AdaGpus.L40S.peakFlops(Precision.TF32_TENSOR) / 1e12, 0.015 * 183);
  }

  @ParameterizedTest
  @ValueSource(strings = {"4090", "rtx-4090", "RTX 4090", "GeForce RTX 4090", "nvidia geforce rtx 4090", " rtx4090 "})
  void findsTheRtx4090ByForgivingNames(String name) {
    assertSame(AdaGpus.RTX_4090, AdaGpus.byName(name));
  }

  static Stream<Arguments> siblings() {
    return Stream.of(
        Arguments.of(AdaGpus.L40S, "l40s"),
        Arguments.of(AdaGpus.L40S, "NVIDIA L40S"),
        Arguments.of(AdaGpus.L4, "L4"),
        Arguments.of(AdaGpus.RTX_4080, "rtx_4080"),
        Arguments.of(AdaGpus.RTX_4070, "4070"),
        Arguments.of(AdaGpus.RTX_6000_ADA, "6000-ada"),
        Arguments.of(AdaGpus.RTX_6000_ADA, "RTX 6000 Ada Generation"));
  }

  @ParameterizedTest
  @MethodSource("siblings")
  void findsTheSiblings(GpuSpec expected, String name) {
    assertSame(expected, AdaGpus.byName(name));
  }

  @Test
  void sixDistinctPartsWithTheRtx4090First() {
    assertEquals(6, new HashSet<>(AdaGpus.all()).size());
    assertSame(AdaGpus.RTX_4090, AdaGpus.all().get(0));
  }

  @Test
  void unknownNamesAreRefusedWithTheKnownOnes() {
    assertTrue(AdaGpus.find("4090 Ti").isEmpty());
    assertTrue(AdaGpus.find("").isEmpty());
    assertTrue(AdaGpus.find(null).isEmpty());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AdaGpus.byName("h100"));
    assertTrue(e.getMessage().contains("h100") && e.getMessage().contains("4090"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "FP32, fp32",
    "FP32, FP32",
    "BF16_TENSOR_FP32_ACC, bf16",
    "FP16_TENSOR_FP32_ACC, fp16-tensor",
    "FP16_TENSOR_FP16_ACC, FP16_TENSOR_FP16_ACC",
    "FP8_TENSOR_FP32_ACC, fp8",
    "TF32_TENSOR, tf32"
  })
  void precisionNames(Precision expected, String name) {
    assertEquals(expected, Precision.parse(name));
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void everyPrecisionParsesFromItsCliName(Precision p) {
    assertEquals(p, Precision.parse(p.cliName()));
  }

  @Test
  void unknownPrecisionIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Precision.parse("fp4"));
  }
}
