package dev.kernelplayground.report;

import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.ColumnData;
import com.github.freva.asciitable.HorizontalAlign;
import dev.kernelplayground.bench.Timing;
import dev.kernelplayground.lessonkernels.BackendComparison;
import dev.kernelplayground.lessonkernels.BackendComparison.Cell;
import dev.kernelplayground.problem.GpuComparison;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variant × backend table of {@link BackendComparison}: one row per kernel (and per family's
 * plain-Java loops), one column per place it ran, each cell the kernel's throughput and median time —
 * GB/s for the memory-bound families (a GPU compares them with its peak bandwidth), GFLOP/s for the rest.
 */
public final class BackendTable {
  private BackendTable() {}

  public static String text(List<Cell> cells) {
    List<BackendComparison.Column> columns = new ArrayList<>();
    Map<String, Map<BackendComparison.Column, Cell>> rows = new LinkedHashMap<>();
    for (Cell c : cells) {
      if (!columns.contains(c.column())) {
        columns.add(c.column());
      }
      String row = c.column().equals(BackendComparison.Column.PLAIN_JAVA) ? c.kernel() + " (plain Java)" : c.kernel();
      rows.computeIfAbsent(row, r -> new LinkedHashMap<>()).put(c.column(), c);
    }
    List<ColumnData<String>> table = new ArrayList<>();
    table.add(new Column().header("kernel").dataAlign(HorizontalAlign.LEFT).with((String row) -> row));
    table.add(new Column().header("problem").dataAlign(HorizontalAlign.LEFT).maxWidth(44)
        .with((String row) -> problem(rows.get(row))));
    for (BackendComparison.Column column : columns) {
      table.add(new Column().header(column.id()).dataAlign(HorizontalAlign.RIGHT)
          .with((String row) -> cellText(rows.get(row).get(column))));
    }
    StringBuilder out = new StringBuilder(
        AsciiTable.getTable(AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS, new ArrayList<>(rows.keySet()), table));
    out.append(System.lineSeparator());
    for (BackendComparison.Column column : columns) {
      out.append("  ").append(column.id()).append(": ").append(column.label()).append(System.lineSeparator());
    }
    out.append("  All CPU timings (wall clock, Aparapi's copies to and from the device included): not GPU figures.")
        .append(System.lineSeparator());
    return out.toString();
  }

  private static String problem(Map<BackendComparison.Column, Cell> row) {
    for (Cell c : row.values()) {
      if (c.result() != null) {
        return c.result().kernelCase().problem().describe();
      }
    }
    return "";
  }

  private static String cellText(Cell c) {
    if (c == null) {
      return "";
    }
    if (c.error() != null) {
      return "error";
    }
    if (!c.measured()) {
      return "FAIL";
    }
    Timing t = c.result().timing();
    boolean bandwidth = c.family().check().comparison() == GpuComparison.PEAK_BANDWIDTH;
    String rate = bandwidth
        ? String.format("%.3g GB/s", t.gigabytesPerSecond())
        : String.format("%.3g GFLOP/s", t.gflops());
    return rate + " (" + Units.seconds(t.median()) + ")";
  }
}
