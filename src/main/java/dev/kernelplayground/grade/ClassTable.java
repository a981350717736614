package dev.kernelplayground.grade;

import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.ColumnData;
import com.github.freva.asciitable.HorizontalAlign;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** A workshop's grades as a table: one row per submission, one column per exercise, its time and trouble. */
public final class ClassTable {
  private ClassTable() {}

  public static String text(List<String> exercises, List<SubmissionGrade> grades) {
    List<ColumnData<SubmissionGrade>> columns = new ArrayList<>();
    columns.add(new Column().header("submission").dataAlign(HorizontalAlign.LEFT).with(SubmissionGrade::name));
    for (String e : exercises) {
      columns.add(new Column().header(e).with((SubmissionGrade g) -> g.cell(e)));
    }
    columns.add(new Column().header("solved").with((SubmissionGrade g) -> solved(exercises, g) + " / " + exercises.size()));
    columns.add(new Column().header("time").dataAlign(HorizontalAlign.RIGHT)
        .with((SubmissionGrade g) -> String.format("%.1f s", g.time().toMillis() / 1000.0)));
    columns.add(new Column().header("run").dataAlign(HorizontalAlign.LEFT).maxWidth(50)
        .with((SubmissionGrade g) -> g.problem() == null ? "ok" : g.problem()));
    return AsciiTable.getTable(AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS, grades, columns);
  }

  public static String csv(List<String> exercises, List<SubmissionGrade> grades) throws IOException {
    List<String> header = new ArrayList<>(List.of("submission"));
    header.addAll(exercises);
    header.addAll(List.of("solved", "seconds", "run"));
    StringWriter out = new StringWriter();
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).build())) {
      for (SubmissionGrade g : grades) {
        List<Object> row = new ArrayList<>(List.of(g.name()));
        exercises.forEach(e -> row.add(g.cell(e)));
        row.add(solved(exercises, g));
        row.add(String.format(Locale.ROOT, "%.1f", g.time().toMillis() / 1000.0));
        row.add(g.problem() == null ? "ok" : g.problem());
        csv.printRecord(row);
      }
    }
    return out.toString();
  }

  private static long solved(List<String> exercises, SubmissionGrade g) {
    return exercises.stream().filter(e -> Boolean.TRUE.equals(g.exercises().get(e))).count();
  }
}
