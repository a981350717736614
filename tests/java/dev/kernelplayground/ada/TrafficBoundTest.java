package dev.kernelplayground.ada;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kernelplayground.ada.TrafficBound.Limiter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The lower bound's arithmetic, by hand, on the RTX 4090 and a sibling part, with counts drawn at random. */
class TrafficBoundTest {
  private static final long SEED = new SplittableRandom().nextLong();

  @Test
  void everyTermIsItsCountOverItsRateOnTheSmsTheGridCanFill() {
    SplittableRandom r = new SplittableRandom(SEED);
    long dram = r.nextLong(1, 1L << 32);
    long lines = r.nextLong(1, 1L << 30);
    long wavefronts = r.nextLong(1, 1L << 30);
    double flops = r.nextDouble(1, 1e12);
    long fp16Acc = r.nextLong(0, 1L << 36);
    long fp32Acc = r.nextLong(0, 1L << 36);
    for (GpuSpec gpu : new GpuSpec[] {AdaGpus.RTX_4090, AdaGpus.L4}) {
      long blocks = r.nextLong(1, 400);
      TrafficBound.Result b = TrafficBound.of(new Traffic(dram, lines, wavefronts, flops, fp16Acc, fp32Acc, blocks), gpu);
      double sms = Math.min(blocks, gpu.smCount());
      double clock = gpu.boostClockGhz() * 1e9;
      String why = gpu.name() + ", seed " + SEED;
      assertEquals(sms, b.activeSms(), why);
      assertEquals(dram / (gpu.memoryBandwidthGBps() * 1e9), b.terms().get(Limiter.DRAM), 1e-12 * b.seconds(), why);
      assertEquals(lines / (sms * clock), b.terms().get(Limiter.L1), 1e-12 * b.seconds(), why);
      assertEquals(wavefronts / (sms * clock), b.terms().get(Limiter.SHARED), 1e-12 * b.seconds(), why);
      assertEquals(flops / (gpu.fp32Tflops() * 1e12 * sms / gpu.smCount()), b.terms().get(Limiter.FP32),
          1e-12 * b.seconds(), why);
      assertEquals((fp16Acc / (gpu.fp16TensorTflopsFp16Acc() * 1e12) + fp32Acc / (gpu.fp16TensorTflopsFp32Acc() * 1e12))
          * gpu.smCount() / sms, b.terms().get(Limiter.TENSOR), 1e-12 * b.seconds(), why);
      double largest = b.terms().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      assertEquals(largest, b.seconds(), why);
      assertEquals(largest, b.terms().get(b.limiter()), why);
    }
  }

  @Test
  void aCopyOfOneGigabyteOnTheRtx4090TakesAtLeastItsBytesOverTheBandwidth() {
    TrafficBound.Result b = TrafficBound.of(new Traffic(2_000_000_000L, 15_625_000L, 0, 0, 0, 0, 100_000), AdaGpus.RTX_4090);
    assertEquals(Limiter.DRAM, b.limiter());
    assertEquals(2e9 / 1008e9, b.seconds(), 1e-15);
    assertEquals(15_625_000 / (128 * 2.52e9), b.terms().get(Limiter.L1), 1e-15);
  }
}
