package dev.kernelplayground.report;

import static j2html.TagCreator.*;

import dev.kernelplayground.check.CheckReport;
import dev.kernelplayground.check.Mismatch;
import dev.kernelplayground.check.TileErrorMap;
import dev.kernelplayground.plot.ErrorMapChart;
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
            span(r.passed() ? "PASS" : "FAIL").withClass(r.passed() ? "pass" : "fail"),
            text(" " + r.kernel())));
    parts.add(
        p(String.format(
            "seed %d · %s · ran on %s · %s", r.seed(), r.expected().layout(), r.target().label(), r.stage())));
    parts.add(p(CheckText.summary(r)));
    parts.add(p("tolerance: " + r.expected().rule()).withClass("rule"));
    if (!r.findings().isEmpty()) {
      parts.add(ul(each(r.findings(), f -> li(f))));
    }
    if (!r.firstMismatches().isEmpty()) {
      parts.add(
          table(
              tr(th("element"), th("problem"), th("value"), th("expected"), th("error"), th("allowed")),
              each(r.firstMismatches(), CheckHtml::mismatchRow)));
    }
    if (r.failed() > 0) {
      parts.add(errorMapTable(r.errorMap()));
      String png = Base64.getEncoder().encodeToString(ErrorMapChart.png(r));
      parts.add(img().withSrc("data:image/png;base64," + png).withAlt("error heat map by tile"));
    }
    return div(parts.toArray(DomContent[]::new)).withClass("check");
  }

  private static DomContent mismatchRow(Mismatch m) {
    return tr(
        td(m.where()),
        td(m.kind().name().toLowerCase().replace('_', ' ')),
        td(Float.toString(m.actual())),
        td(String.format("%.7g", m.expected())),
        td(m.kind() == Mismatch.Kind.WRONG_VALUE ? String.format("%.3g", m.absError()) : "—"),
        td(String.format("%.3g", m.bound())));
  }

  private static DomContent errorMapTable(TileErrorMap map) {
    List<DomContent> rows = new ArrayList<>();
    for (int r = 0; r < map.gridRows(); r++) {
      List<DomContent> cells = new ArrayList<>();
      for (int c = 0; c < map.gridCols(); c++) {
        String tip =
            String.format(
                "tile (%d, %d): %d of %d elements failed, worst %.3g× bound",
                r, c, map.failures(r, c), map.elements(r, c), map.worstRatio(r, c));
        cells.add(td().withClass("m" + symbolClass(map.symbol(r, c))).attr("title", tip));
      }
      rows.add(tr(cells.toArray(DomContent[]::new)));
    }
    return div(
        p(String.format(
            "error map: %d × %d tiles of %d × %d elements (green ok, red wrong value, grey never written, purple NaN/Inf; hover for counts)",
            map.gridRows(), map.gridCols(), map.tile().rows(), map.tile().cols())),
        table(rows.toArray(DomContent[]::new)).withClass("map"));
  }

  private static String symbolClass(char symbol) {
    return switch (symbol) {
      case '#' -> "wrong";
      case '?' -> "unwritten";
      case 'N' -> "nan";
      default -> "ok";
    };
  }

  private static final String CSS =
      """
      body { font-family: sans-serif; margin: 2em; }
      .pass { color: #1b5e20; } .fail { color: #b71c1c; }
      .rule { color: #555; font-size: 90%; }
      table { border-collapse: collapse; margin: 0.5em 0; }
      td, th { border: 1px solid #ccc; padding: 2px 6px; font-family: monospace; }
      table.map td { width: 9px; height: 9px; padding: 0; border: 1px solid #fff; }
      .mok { background: #a5d6a7; } .mwrong { background: #e53935; }
      .munwritten { background: #9e9e9e; } .mnan { background: #7b1fa2; }
      """;
}
