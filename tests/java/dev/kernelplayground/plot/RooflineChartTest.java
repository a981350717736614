package dev.kernelplayground.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.ada.AdaGpus;
import dev.kernelplayground.ada.GpuSpec;
import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.ada.Roofline;
import dev.kernelplayground.profile.AccessOp;
import dev.kernelplayground.profile.KernelProfile;
import dev.kernelplayground.profile.LineCounts;
import dev.kernelplayground.profile.SourceProfile;
import dev.kernelplayground.report.ProfileHtml;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Profiled kernels on the roofline at their lower bound from counted traffic, checked against hand arithmetic. */
class RooflineChartTest {
  private static KernelProfile profile(String name, long l1Lines, long sectorsRead, long sectorsWritten, double flops,
      long blocks) {
    LineCounts load = new LineCounts("k.cu", 7, "a[i]", AccessOp.GLOBAL_LOAD, l1Lines, 4 * l1Lines, l1Lines, 0,
        128 * l1Lines, 32 * l1Lines);
    return new KernelProfile(name, List.of(load), sectorsRead, sectorsWritten, 0, 0, blocks, flops);
  }

  @Test
  void aKernelBoundByItsL1SitsBelowTheRoofAtFlopsOverItsBound() {
    long seed = new SplittableRandom().nextLong();
    System.out.println("RooflineChartTest seed " + seed);
    SplittableRandom random = new SplittableRandom(seed);
    GpuSpec gpu = AdaGpus.RTX_4090;
    double flops = 2.0 * 512 * 512 * 512;
    long read = 65_536 + random.nextInt(1000);
    long written = 32_768;
    long l1Lines = 10_000_000L + random.nextInt(5_000_000);
    KernelProfile tiled = profile("sgemm_tiled", l1Lines, read, written, flops, 256);
    KernelProfile copy = profile("copy", 1000, 500, 500, 0, 256);

    List<RooflineChart.Point> points = RooflineChart.points(gpu, List.of(tiled, copy));

    assertEquals(1, points.size(), "the copy has no FLOPs and no intensity: " + points);
    RooflineChart.Point p = points.get(0);
    double l1Seconds = l1Lines / (gpu.smCount() * gpu.boostClockGhz() * 1e9); // one line per SM per clock
    assertEquals("sgemm_tiled (bound by l1)", p.label());
    assertEquals(flops / (32.0 * (read + written)), p.intensity(), 1e-9 * p.intensity());
    assertEquals(flops / l1Seconds / 1e12, p.tflops(), 1e-9 * p.tflops(), "seed " + seed);
    assertTrue(p.tflops() < Roofline.attainableFlops(gpu, Precision.FP32, p.intensity()) / 1e12, "below the roof");
  }

  @Test
  void theProfileViewDrawsTheRooflineOrSaysWhyNot() {
    GpuSpec gpu = AdaGpus.RTX_4090;
    KernelProfile tiled = profile("sgemm_tiled", 20_000, 65_536, 32_768, 2.0 * 256 * 256 * 256, 64);
    String withFlops = ProfileHtml.of(new SourceProfile("k.cu", "a\nb\nc\nd\ne\nf\na[i]\n", List.of(tiled), gpu));
    assertTrue(withFlops.contains("<img src=\"data:image/png;base64,iVBORw0KGgo"), "a PNG roofline: " + withFlops);
    assertTrue(withFlops.contains("FP32 roofline with each kernel at its lower bound from counted traffic"), withFlops);
    KernelProfile copy = profile("copy", 1000, 500, 500, 0, 256);
    String without = ProfileHtml.of(new SourceProfile("k.cu", "a\n", List.of(copy), gpu));
    assertTrue(without.contains("No roofline point"), without);
    assertTrue(!without.contains("<img"), without);
  }
}
