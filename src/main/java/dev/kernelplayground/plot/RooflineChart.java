package dev.kernelplayground.plot;

import dev.kernelplayground.ada.GpuSpec;
import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.ada.Roofline;
import dev.kernelplayground.bench.Workload;
import dev.kernelplayground.run.KernelCase;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The roofline of a GPU on log-log axes — attainable TFLOP/s against arithmetic intensity (FLOP per byte of
 * memory traffic) — with each kernel placed at its problem's intensity on the roof: the fastest that GPU
 * could run it. Left of the ridge a kernel is memory-bound, right of it compute-bound. It shows the bound
 * from the spec sheet, not a measurement: CPU timings are never drawn on a GPU's roofline.
 */
public final class RooflineChart {
  private RooflineChart() {}

  public static XYChart chart(GpuSpec gpu, Precision precision, List<KernelCase> kernels) {
    XYChart chart =
        new XYChartBuilder()
            .width(820)
            .height(480)
            .title(gpu.name() + " roofline (" + precision + "): where each problem sits, from the spec sheet")
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
    for (KernelCase k : kernels) {
      Workload w = k.problem().workload();
      if (w.bytes() <= 0 || w.flops() <= 0) {
        continue; // a copy has no FLOPs: it sits on the memory slope at no intensity at all
      }
      double intensity = w.flops() / w.bytes();
      XYSeries point =
          chart.addSeries(
              k.kernel() + " (" + String.format("%.3g", intensity) + " FLOP/B)",
              new double[] {intensity},
              new double[] {Roofline.attainableFlops(gpu, k.precision(), intensity) / 1e12});
      point.setMarker(SeriesMarkers.CIRCLE);
    }
    return chart;
  }

  public static BufferedImage image(GpuSpec gpu, Precision precision, List<KernelCase> kernels) {
    return BitmapEncoder.getBufferedImage(chart(gpu, precision, kernels));
  }
}
