package dev.kernelplayground.report;

import static j2html.TagCreator.*;

import j2html.tags.DomContent;
import j2html.tags.specialized.TableTag;
import j2html.tags.specialized.TdTag;
import java.util.List;
import java.util.function.Function;

/**
 * A real HTML table for notebooks and reports: text columns left-aligned and wrapped when long, numbers
 * right-aligned on one line, verdicts (PASS / FAIL ...) coloured. Styles are inline, so the table reads the
 * same in JupyterLab, the classic Notebook, nbconvert's HTML and a saved report, none of which share a style
 * sheet (the classic Notebook would otherwise centre the table and right-align every cell).
 */
public final class HtmlTable {
  /** How a column's cells are laid out. */
  public enum Kind {
    /** Words: left-aligned, wrapped when long. */
    TEXT,
    /** Figures: right-aligned, never wrapped. */
    NUMBER,
    /** PASS (green), FAIL... (red), anything else plain. */
    VERDICT
  }

  /** One column: its header, its layout and how a row gives its cell's text. */
  public record Column<T>(String header, Kind kind, Function<T, String> value) {}

  static final String TABLE_STYLE = "border-collapse:collapse;margin:0.5em 0;margin-left:0;table-layout:auto;font-size:12px";
  private static final String CELL_STYLE = "border:1px solid #ccc;padding:2px 8px;vertical-align:top;line-height:1.4;";
  private static final String HEADER_STYLE = CELL_STYLE + "background:#f3f3f3;font-weight:bold;white-space:nowrap;";
  static final String PASS_STYLE = "color:#1b5e20;background:#e8f5e9;font-weight:bold;";
  static final String FAIL_STYLE = "color:#b71c1c;background:#ffebee;font-weight:bold;";

  private HtmlTable() {}

  public static <T> TableTag of(List<T> rows, List<Column<T>> columns) {
    return table(
            thead(tr(each(columns, c -> th(c.header()).withStyle(HEADER_STYLE + "text-align:" + (c.kind() == Kind.NUMBER ? "right" : "left"))))),
            tbody(each(rows, row -> tr(each(columns, c -> cell(c.kind(), c.value().apply(row)))))))
        .withStyle(TABLE_STYLE);
  }

  private static TdTag cell(Kind kind, String text) {
    return switch (kind) {
      case TEXT -> td(text).withStyle(CELL_STYLE + "text-align:left;white-space:normal;overflow-wrap:break-word;max-width:32em");
      case NUMBER -> td(text).withStyle(CELL_STYLE + "text-align:right;white-space:nowrap;font-family:monospace;font-variant-numeric:tabular-nums");
      case VERDICT -> td(text).withStyle(CELL_STYLE + "text-align:center;white-space:nowrap;" + verdictStyle(text));
    };
  }

  /** PASS green, FAIL... red, anything else (e.g. "—") unstyled. */
  static String verdictStyle(String verdict) {
    return verdict.startsWith("PASS") ? PASS_STYLE : verdict.startsWith("FAIL") ? FAIL_STYLE : "";
  }

  /** A verdict word on its own, coloured as in the tables. */
  public static DomContent verdict(String text) {
    return span(text).withStyle(verdictStyle(text) + "padding:0 4px;border-radius:3px");
  }
}
