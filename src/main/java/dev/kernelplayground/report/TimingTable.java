package dev.kernelplayground.report;

import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.ColumnData;
import com.github.freva.asciitable.HorizontalAlign;
import dev.kernelplayground.ada.GpuSpec;
import dev.kernelplayground.ada.Roofline;
import dev.kernelplayground.bench.Clock;
import dev.kernelplayground.bench.Timing;
import dev.kernelplayground.report.HtmlTable.Kind;
import dev.kernelplayground.run.TrialResult;
import j2html.tags.specialized.TableTag;
import java.util.List;

/**
 * The check-and-timing table: one row per kernel with its verdict, where it ran, its times and its
 * throughput. A GPU timing is shown as a percentage of that GPU's roofline; a CPU timing never is.
 */
public final class TimingTable {
  private TimingTable() {}

  /**
   * The table's columns, once for the terminal and the notebook: the text table's alignment follows the
   * kind (numbers right, words left; the verdict keeps the text table's default).
   */
  private static List<HtmlTable.Column<TrialResult>> columns(GpuSpec gpu) {
    return List.of(
        new HtmlTable.Column<>("kernel", Kind.TEXT, r -> r.kernelCase().kernel()),
        new HtmlTable.Column<>("problem", Kind.TEXT, r -> r.kernelCase().problem().describe()),
        new HtmlTable.Column<>("ran on", Kind.TEXT, r -> r.check().target().label()),
        new HtmlTable.Column<>("check", Kind.VERDICT, TimingTable::verdict),
        new HtmlTable.Column<>("median", Kind.NUMBER, r -> time(r, Timing::median)),
        new HtmlTable.Column<>("min", Kind.NUMBER, r -> time(r, Timing::min)),
        new HtmlTable.Column<>("max", Kind.NUMBER, r -> time(r, Timing::max)),
        new HtmlTable.Column<>("GFLOP/s", Kind.NUMBER, r -> r.timing() == null ? "—" : String.format("%.3g", r.timing().gflops())),
        new HtmlTable.Column<>("GB/s", Kind.NUMBER, r -> r.timing() == null ? "—" : String.format("%.3g", r.timing().gigabytesPerSecond())),
        new HtmlTable.Column<>("vs roofline", Kind.TEXT, r -> roofline(r, gpu)));
  }

  /**
   * @param gpu the GPU whose roofline GPU timings are compared with (the device they ran on)
   */
  public static String text(List<TrialResult> results, GpuSpec gpu) {
    return AsciiTable.getTable(
        AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS,
        results,
        columns(gpu).stream().map(TimingTable::asciiColumn).toList());
  }

  /** The same table as HTML, for notebooks: verdicts coloured, figures right-aligned, long text wrapped. */
  public static TableTag html(List<TrialResult> results, GpuSpec gpu) {
    return HtmlTable.of(results, columns(gpu));
  }

  private static ColumnData<TrialResult> asciiColumn(HtmlTable.Column<TrialResult> c) {
    Column column = new Column().header(c.header());
    if (c.kind() != Kind.VERDICT) {
      column.dataAlign(c.kind() == Kind.NUMBER ? HorizontalAlign.RIGHT : HorizontalAlign.LEFT);
    }
    return column.with(c.value());
  }

  static String verdict(TrialResult r) {
    if (!r.check().passed()) {
      return "FAIL";
    }
    if (r.recheck() != null && !r.recheck().passed()) {
      return "FAIL after timing";
    }
    return "PASS";
  }

  private static String time(TrialResult r, java.util.function.ToDoubleFunction<Timing> which) {
    return r.timing() == null ? "—" : Units.seconds(which.applyAsDouble(r.timing()));
  }

  /** "63% of RTX 4090" on a GPU; on the CPU, a label that says why there is no percentage. */
  static String roofline(TrialResult r, GpuSpec gpu) {
    Timing t = r.timing();
    if (t == null) {
      return "—";
    }
    if (!t.target().gpu()) {
      return (t.clock() == Clock.WALL_CLOCK ? "CPU" : t.clock().label()) + " timing: not a GPU figure";
    }
    double percent =
        Roofline.percentOfRoofline(
            gpu, r.kernelCase().precision(), t.workload().flops(), t.workload().bytes(), t.median());
    return String.format("%.0f%% of %s", percent, gpu.name());
  }
}
