package dev.kernelplayground.report;

import static j2html.TagCreator.*;

import dev.kernelplayground.check.CheckReport;
import dev.kernelplayground.check.Mismatch;
import dev.kernelplayground.check.TileErrorMap;
import dev.kernelplayground.plot.ErrorMapChart;
import dev.kernelplayground.report.HtmlTable.Kind;
import j2html.tags.DomContent;
import j2html.tags.specialized.DivTag;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A check report as HTML, for notebooks and saved reports: the verdict, the findings, the first
 * mismatches, the tile error map as a coloured table, and the PNG heat map embedded.
 */
public final class CheckHtml {
  private CheckHtml() {}

  public static String page(String title, List<CheckReport> reports) {
    return document(
        html(
            head(meta().withCharset("utf-8"), title(title), style(CSS)),
            body(h1(title), each(reports, CheckHtml::section))));
  }

  public static DivTag section(CheckReport r) {
    List<DomContent> parts = new ArrayList<>();
    parts.add(
        h2(
            HtmlTable.verdict(r.passed() ? "PASS" : "FAIL"),
            text(" " + r.kernel())));
    parts.add(
        p(String.format(
            "seed %d · %s · ran on %s · %s", r.seed(), r.layout(), r.target().label(), r.stage())));
    parts.add(p(CheckText.summary(r)));
    parts.add(p("tolerance: " + r.rule()).withClass("rule").withStyle("color:#555;font-size:90%"));
    if (!r.findings().isEmpty()) {
      parts.add(ul(each(r.findings(), f -> li(f))));
    }
    if (!r.firstMismatches().isEmpty()) {
      parts.add(HtmlTable.of(r.firstMismatches(), MISMATCH_COLUMNS));
    }
    if (r.failed() > 0) {
      parts.add(errorMapTable(r.errorMap()));
      String png = Base64.getEncoder().encodeToString(ErrorMapChart.png(r));
      parts.add(img().withSrc("data:image/png;base64," + png).withAlt("error heat map by tile"));
    }
    return div(parts.toArray(DomContent[]::new)).withClass("check");
  }

  private static final List<HtmlTable.Column<Mismatch>> MISMATCH_COLUMNS =
      List.of(
          new HtmlTable.Column<>("element", Kind.TEXT, Mismatch::where),
          new HtmlTable.Column<>("problem", Kind.TEXT, m -> m.kind().name().toLowerCase().replace('_', ' ')),
          new HtmlTable.Column<>("value", Kind.NUMBER, m -> Float.toString(m.actual())),
          new HtmlTable.Column<>("expected", Kind.NUMBER, m -> String.format("%.7g", m.expected())),
          new HtmlTable.Column<>("error", Kind.NUMBER, m -> m.kind() == Mismatch.Kind.WRONG_VALUE ? String.format("%.3g", m.absError()) : "—"),
          new HtmlTable.Column<>("allowed", Kind.NUMBER, m -> String.format("%.3g", m.bound())));

  private static DomContent errorMapTable(TileErrorMap map) {
    List<DomContent> rows = new ArrayList<>();
    for (int r = 0; r < map.gridRows(); r++) {
      List<DomContent> cells = new ArrayList<>();
      for (int c = 0; c < map.gridCols(); c++) {
        String tip =
            String.format(
                "tile (%d, %d): %d of %d elements failed, worst %.3g× bound",
                r, c, map.failures(r, c), map.elements(r, c), map.worstRatio(r, c));
        MapCell cell = MapCell.of(map.symbol(r, c));
        cells.add(td().withClass(cell.cssClass).withStyle(MAP_CELL_STYLE + "background:" + cell.colour).attr("title", tip));
      }
      rows.add(tr(cells.toArray(DomContent[]::new)));
    }
    return div(
        p(String.format(
            "error map: %d × %d tiles of %d × %d elements (green ok, red wrong value, grey never written, purple NaN/Inf; hover for counts)",
            map.gridRows(), map.gridCols(), map.tile().rows(), map.tile().cols())),
        table(rows.toArray(DomContent[]::new)).withClass("map").withStyle(HtmlTable.TABLE_STYLE));
  }

  private static final String MAP_CELL_STYLE = "width:9px;height:9px;padding:0;border:1px solid #fff;";

  /** A tile of the error map: its CSS class and its colour, inline (a notebook has no page style sheet). */
  private enum MapCell {
    OK("mok", "#a5d6a7"),
    WRONG("mwrong", "#e53935"),
    UNWRITTEN("munwritten", "#9e9e9e"),
    NAN("mnan", "#7b1fa2");

    final String cssClass;
    final String colour;

    MapCell(String cssClass, String colour) {
      this.cssClass = cssClass;
      this.colour = colour;
    }

    static MapCell of(char symbol) {
      return switch (symbol) {
        case '#' -> WRONG;
        case '?' -> UNWRITTEN;
        case 'N' -> NAN;
        default -> OK;
      };
    }
  }

  private static final String CSS =
      """
      body { font-family: sans-serif; margin: 2em; }
      .rule { color: #555; font-size: 90%; }
      table { border-collapse: collapse; margin: 0.5em 0; }
      td, th { border: 1px solid #ccc; padding: 2px 6px; font-family: monospace; }
      """;
}
