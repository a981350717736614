package dev.kernelplayground.plot;

import dev.kernelplayground.ada.TrafficBound.Limiter;
import dev.kernelplayground.profile.Progression;
import java.awt.image.BufferedImage;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * A family's progression as bars: per version, each term of its lower bound from counted traffic (µs); the tallest
 * bar of a version is what limits it. A bound, never a measurement.
 */
public final class BoundChart {
  private BoundChart() {}

  public static CategoryChart chart(Progression p) {
    CategoryChart chart = new CategoryChartBuilder()
        .width(900)
        .height(500)
        .title(p.family() + " at " + p.size() + " on the " + p.gpu().name() + ": lower bounds from counted traffic")
        .xAxisTitle("version")
        .yAxisTitle("µs (a bound, not a measurement)")
        .build();
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
    chart.getStyler().setXAxisLabelRotation(30);
    List<String> versions = p.versions().stream().map(Progression.Version::version).toList();
    for (Limiter term : Limiter.values()) {
      List<Double> micros = p.versions().stream().map(v -> v.term(p.gpu(), term) * 1e6).toList();
      if (micros.stream().anyMatch(m -> m > 0)) {
        chart.addSeries(term.key(), versions, micros);
      }
    }
    return chart;
  }

  public static BufferedImage image(Progression p) {
    return BitmapEncoder.getBufferedImage(chart(p));
  }
}
