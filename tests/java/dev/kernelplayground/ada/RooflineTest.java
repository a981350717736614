package dev.kernelplayground.ada;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Roofline numbers computed by hand from the RTX 4090 whitepaper figures (82.6 TFLOPS FP32, 1008 GB/s). */
class RooflineTest {
  private static final GpuSpec G = AdaGpus.RTX_4090;

  @Test
  void ridgePoints() {
    // 82.6e12 / 1008e9 = 81.944...
    assertEquals(81.944, Roofline.ridgeIntensity(G, Precision.FP32), 0.001);
    // 165.2e12 / 1008e9 = 163.89
    assertEquals(163.889, Roofline.ridgeIntensity(G, Precision.FP16_TENSOR_FP32_ACC), 0.001);
    // FP64: 82.6e12 / 64 / 1008e9 = 1.2804
    assertEquals(1.2804, Roofline.ridgeIntensity(G, Precision.FP64), 0.0001);
    // L4: 30.3e12 / 300e9 = 101
    assertEquals(101.0, Roofline.ridgeIntensity(AdaGpus.L4, Precision.FP32), 1e-9);
  }

  @Test
  void attainableFlops() {
    // 4.5 FLOP/B × 1008 GB/s = 4.536 TFLOPS, far under the 82.6 peak.
    assertEquals(4.536e12, Roofline.attainableFlops(G, Precision.FP32, 4.5), 1e6);
    // SAXPY-like 2 FLOP per 12 bytes: 168 GFLOPS.
    assertEquals(168e9, Roofline.attainableFlops(G, Precision.FP32, 2.0 / 12), 1e3);
    // Past the ridge the peak caps it.
    assertEquals(82.6e12, Roofline.attainableFlops(G, Precision.FP32, 1000), 1);
    assertEquals(0, Roofline.attainableFlops(G, Precision.FP32, 0));
  }

  @Test
  void bound() {
    assertEquals(RooflineBound.MEMORY, Roofline.bound(G, Precision.FP32, 4.5));
    assertEquals(RooflineBound.MEMORY, Roofline.bound(G, Precision.FP32, 81.9));
    assertEquals(RooflineBound.COMPUTE, Roofline.bound(G, Precision.FP32, 82.0));
    assertEquals(RooflineBound.COMPUTE, Roofline.bound(G, Precision.FP32, Roofline.ridgeIntensity(G, Precision.FP32)));
    // The same 100 FLOP/B is compute-bound in FP32 but memory-bound on the FP16 tensor cores (ridge 163.9).
    assertEquals(RooflineBound.MEMORY, Roofline.bound(G, Precision.FP16_TENSOR_FP32_ACC, 100));
  }

  @Test
  void minimumSeconds() {
    // 4096³ SGEMM: 2 × 4096³ = 137.4 GFLOP; compulsory traffic 3 × 4096² × 4 B = 201.3 MB.
    double flops = 2.0 * 4096 * 4096 * 4096;
    double bytes = 3.0 * 4096 * 4096 * 4;
    // compute: 137.44e9 / 82.6e12 = 1.6639 ms; memory: 201.3e6 / 1008e9 = 0.1997 ms → compute wins.
    assertEquals(1.6639e-3, Roofline.minimumSeconds(G, Precision.FP32, flops, bytes), 1e-7);
    // Copying 1 GB (read + write 2e9 bytes): 2e9 / 1008e9 = 1.984 ms.
    assertEquals(1.98413e-3, Roofline.minimumSeconds(G, Precision.FP32, 0, 2e9), 1e-8);
  }

  @Test
  void percentOfRoofline() {
    // The 1 GB copy measured at 2.5 ms: 1.98413 / 2.5 = 79.4%.
    assertEquals(79.365, Roofline.percentOfRoofline(G, Precision.FP32, 0, 2e9, 2.5e-3), 0.001);
    // SGEMM at 2.0 ms: 1.6639 / 2.0 = 83.2%.
    double flops = 2.0 * 4096 * 4096 * 4096;
    assertEquals(83.195, Roofline.percentOfRoofline(G, Precision.FP32, flops, 3.0 * 4096 * 4096 * 4, 2.0e-3), 0.01);
  }

  @Test
  void badInputThrows() {
    assertThrows(IllegalArgumentException.class, () -> Roofline.attainableFlops(G, Precision.FP32, -1));
    assertThrows(IllegalArgumentException.class, () -> Roofline.attainableFlops(G, Precision.FP32, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Roofline.minimumSeconds(G, Precision.FP32, -1, 0));
    assertThrows(IllegalArgumentException.class, () -> Roofline.percentOfRoofline(G, Precision.FP32, 1, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> Roofline.percentOfRoofline(G, Precision.FP32, 1, 1, -1));
  }
}
