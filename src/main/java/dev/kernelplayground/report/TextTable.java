package dev.kernelplayground.report;

import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.ColumnData;
import com.github.freva.asciitable.HorizontalAlign;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A plain-text table the way kp prints every one: ASCII borders, no rules between rows. Rows of objects get a
 * column per function ({@link #of}, then {@link #left}, {@link #right}, {@link #column}, and {@link #text});
 * rows of ready-made cells, all left-aligned with their headers, are {@link #cells}.
 *
 * @param <T> what one row shows
 */
public final class TextTable<T> {
  private final List<T> rows;
  private final List<ColumnData<T>> columns = new ArrayList<>();

  private TextTable(List<T> rows) {
    this.rows = rows;
  }

  /** A table with one row per element of {@code rows}, and no columns yet. */
  public static <T> TextTable<T> of(List<T> rows) {
    return new TextTable<>(rows);
  }

  /** A column of left-aligned cells (text: names, descriptions). */
  public TextTable<T> left(String header, Function<T, String> cell) {
    return add(new Column().header(header).dataAlign(HorizontalAlign.LEFT), cell);
  }

  /** A column of left-aligned cells wrapped at {@code maxWidth} characters. */
  public TextTable<T> left(String header, int maxWidth, Function<T, String> cell) {
    return add(new Column().header(header).dataAlign(HorizontalAlign.LEFT).maxWidth(maxWidth), cell);
  }

  /** A column of right-aligned cells (numbers, so their digits line up). */
  public TextTable<T> right(String header, Function<T, String> cell) {
    return add(new Column().header(header).dataAlign(HorizontalAlign.RIGHT), cell);
  }

  /** A column aligned as the table library does by default (short words: "PASS", "yes"). */
  public TextTable<T> column(String header, Function<T, String> cell) {
    return add(new Column().header(header), cell);
  }

  private TextTable<T> add(Column column, Function<T, String> cell) {
    columns.add(column.with(cell));
    return this;
  }

  /** The table, one line per row plus the borders and the header. */
  public String text() {
    return AsciiTable.getTable(AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS, rows, columns);
  }

  /** A table of ready-made cells, one array per row, every column and header left-aligned. */
  public static String cells(List<String[]> rows, String... headers) {
    Column[] columns = new Column[headers.length];
    for (int i = 0; i < headers.length; i++) {
      columns[i] = new Column().header(headers[i]).dataAlign(HorizontalAlign.LEFT).headerAlign(HorizontalAlign.LEFT);
    }
    return AsciiTable.getTable(AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS, columns, rows.toArray(new Object[0][]));
  }
}
