package dev.kernelplayground.plot;

import dev.kernelplayground.ada.GpuSpec;
import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.ada.Roofline;
import dev.kernelplayground.ada.TrafficBound;
import dev.kernelplayground.bench.Workload;
import dev.kernelplayground.profile.KernelProfile;
import dev.kernelplayground.run.KernelCase;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The roofline of a GPU on log-log axes — attainable TFLOP/s against arithmetic intensity (FLOP per byte of
 * memory traffic) — with kernels placed on it. Left of the ridge a kernel is memory-bound, right of it
 * compute-bound. Two kinds of points, neither a measurement (CPU timings are never drawn on a GPU's roofline):
 * a problem at its intensity on the roof (the spec sheet's best case), or a profiled kernel at its lower bound
 * from counted traffic, which sits below the roof when its L1, shared-memory or SM count binds first.
 */
public final class RooflineChart {
  /**
   * One point.
   *
   * @param label the legend's text
   * @param intensity FLOP per DRAM byte
   * @param tflops the FLOP/s the point stands for, in TFLOP/s
   */
  public record Point(String label, double intensity, double tflops) {}

  private RooflineChart() {}

  /** The problems of {@code kernels} on the roof: the fastest the GPU could run each, from the spec sheet. */
  public static XYChart chart(GpuSpec gpu, Precision precision, List<KernelCase> kernels) {
    List<Point> points = new ArrayList<>();
    for (KernelCase k : kernels) {
      Workload w = k.problem().workload();
      if (w.bytes() <= 0 || w.flops() <= 0) {
        continue; // a copy has no FLOPs: it sits on the memory slope at no intensity at all
      }
      double intensity = w.flops() / w.bytes();
      points.add(new Point(k.kernel() + " (" + String.format(Locale.ROOT, "%.3g", intensity) + " FLOP/B)", intensity,
          Roofline.attainableFlops(gpu, k.precision(), intensity) / 1e12));
    }
    return chart(gpu, precision, gpu.name() + " roofline (" + precision + "): where each problem sits, from the spec sheet",
        points);
  }

  /**
   * Profiled kernels at FLOPs / their lower bound from counted traffic (FP32 roof): a kernel without FLOPs to
   * ask (no bound problem) or without DRAM bytes has no intensity and is left out.
   */
  public static XYChart counted(GpuSpec gpu, List<KernelProfile> profiles) {
    return chart(gpu, Precision.FP32,
        gpu.name() + " roofline (FP32) with each kernel at its lower bound from counted traffic", points(gpu, profiles));
  }

  /** The points {@link #counted} draws. */
  public static List<Point> points(GpuSpec gpu, List<KernelProfile> profiles) {
    List<Point> points = new ArrayList<>();
    for (KernelProfile p : profiles) {
      double bytes = p.compulsoryDramBytes();
      if (p.fp32Flops() <= 0 || bytes <= 0) {
        continue;
      }
      TrafficBound.Result bound = TrafficBound.of(p.traffic(), gpu);
      points.add(new Point(
          p.kernel() + " (bound by " + bound.limiter().key() + ")", p.fp32Flops() / bytes,
          p.fp32Flops() / bound.seconds() / 1e12));
    }
    return points;
  }

  private static XYChart chart(GpuSpec gpu, Precision precision, String title, List<Point> points) {
    XYChart chart =
        new XYChartBuilder()
            .width(820)
            .height(480)
            .title(title)
            .xAxisTitle("arithmetic intensity (FLOP / byte)")
            .yAxisTitle("attainable TFLOP/s")
            .build();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    double ridge = Roofline.ridgeIntensity(gpu, precision);
    for (double i : new double[] {0.01, ridge, 10_000}) { // the roof is two straight lines on log-log axes
      x.add(i);
      y.add(Roofline.attainableFlops(gpu, precision, i) / 1e12);
    }
    XYSeries roof = chart.addSeries("roof", x, y);
    roof.setMarker(SeriesMarkers.NONE);
    for (Point p : points) {
      chart.addSeries(p.label(), new double[] {p.intensity()}, new double[] {p.tflops()}).setMarker(SeriesMarkers.CIRCLE);
    }
    return chart;
  }

  public static BufferedImage image(GpuSpec gpu, Precision precision, List<KernelCase> kernels) {
    return BitmapEncoder.getBufferedImage(chart(gpu, precision, kernels));
  }

  /** {@link #counted} as PNG bytes, for HTML. */
  public static byte[] countedPng(GpuSpec gpu, List<KernelProfile> profiles) {
    try {
      return BitmapEncoder.getBitmapBytes(counted(gpu, profiles), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("could not draw the roofline", e);
    }
  }
}
