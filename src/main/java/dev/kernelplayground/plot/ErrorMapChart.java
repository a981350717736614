package dev.kernelplayground.plot;

import dev.kernelplayground.check.CheckReport;
import dev.kernelplayground.check.TileErrorMap;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * The tile error map as a PNG heat map: each cell is one tile, coloured by log10 of its worst error over
 * its bound. Below 0 (greens) the tile passes; 0 and above (orange to red) it fails; the top band also
 * holds tiles with NaN or never-written elements. Row 0 is at the top, as in the matrix.
 */
public final class ErrorMapChart {
  /** log10(error / bound) is clamped to [FLOOR, CEILING]; NaN and unwritten tiles get CEILING. */
  static final double FLOOR = -4;

  static final double CEILING = 2;

  private ErrorMapChart() {}

  public static HeatMapChart chart(CheckReport report) {
    TileErrorMap map = report.errorMap();
    HeatMapChart chart =
        new HeatMapChartBuilder()
            .width(Math.max(760, 200 + map.gridCols() * 14))
            .height(Math.max(420, 120 + map.gridRows() * 14))
            .title(
                String.format(
                    "%s %s: log10(worst error / bound) per %d×%d tile (≥ 0 fails; 2 = NaN or never written)",
                    report.kernel(), report.passed() ? "PASS" : "FAIL", map.tile().rows(), map.tile().cols()))
            .xAxisTitle("tile column (col / " + map.tile().cols() + ")")
            .yAxisTitle("tile row (row / " + map.tile().rows() + ")")
            .build();
    chart.getStyler().setPiecewise(true);
    chart.getStyler().setPiecewiseRanged(true);
    chart.getStyler().setSplitNumber(6);
    chart.getStyler().setMin(FLOOR);
    chart.getStyler().setMax(CEILING);
    chart.getStyler().setRangeColors(
        new Color[] {
          new Color(0x1B5E20), new Color(0x66BB6A), new Color(0xC5E1A5),
          new Color(0xFFB74D), new Color(0xE53935), new Color(0x7B1FA2)
        });
    chart.getStyler().setLegendVisible(true);
    chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(11f));

    List<Integer> xs = new ArrayList<>();
    for (int c = 0; c < map.gridCols(); c++) {
      xs.add(c);
    }
    List<Integer> ys = new ArrayList<>();
    for (int r = map.gridRows() - 1; r >= 0; r--) {
      ys.add(r);
    }
    List<Number[]> cells = new ArrayList<>();
    for (int r = 0; r < map.gridRows(); r++) {
      for (int c = 0; c < map.gridCols(); c++) {
        cells.add(new Number[] {c, map.gridRows() - 1 - r, cellValue(map, r, c)});
      }
    }
    chart.addSeries("log10(error / bound)", xs, ys, cells);
    return chart;
  }

  static double cellValue(TileErrorMap map, int r, int c) {
    double ratio = map.worstRatio(r, c);
    if (!Double.isFinite(ratio)) {
      return CEILING;
    }
    double log = ratio <= 0 ? FLOOR : Math.log10(ratio);
    return Math.max(FLOOR, Math.min(CEILING, log));
  }

  public static byte[] png(CheckReport report) {
    try {
      return BitmapEncoder.getBitmapBytes(chart(report), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("could not draw the error map", e);
    }
  }

  public static Path write(CheckReport report, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, png(report));
    return file;
  }
}
