package dev.kernelplayground.report;

import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h3;
import static j2html.TagCreator.img;
import static j2html.TagCreator.p;
import static j2html.TagCreator.pre;
import static j2html.TagCreator.span;
import static j2html.TagCreator.table;
import static j2html.TagCreator.td;
import static j2html.TagCreator.tr;

import dev.kernelplayground.plot.RooflineChart;
import dev.kernelplayground.profile.KernelProfile;
import dev.kernelplayground.profile.LineCounts;
import dev.kernelplayground.profile.SourceProfile;
import j2html.tags.DomContent;
import j2html.tags.specialized.DivTag;
import j2html.tags.specialized.TrTag;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The profiler's notebook view: per kernel, the file's own source with a bar on each line for its share of the
 * memory pipes' work (L1 lines and shared wavefronts), what the line does on hover, then the totals and the lower
 * bound from counted traffic; below the kernels, the FP32 roofline with each kernel at its bound.
 */
public final class ProfileHtml {
  private static final String BAR = "display:inline-block;height:0.9em;background:#e07b39;vertical-align:middle";
  /** Jupyter's stylesheets (the classic notebook's and JupyterLab's) align table cells right: code reads from the left. */
  private static final String LEFT = "text-align:left";

  private ProfileHtml() {}

  public static String of(SourceProfile view) {
    return div(each(view.profiles(), p -> kernel(view, p)), roofline(view)).withClass("kp-profile").render();
  }

  /** The kernels at their bounds on the FP32 roofline; a line saying why not when no kernel has FLOPs to place. */
  private static DomContent roofline(SourceProfile view) {
    if (RooflineChart.points(view.gpu(), view.profiles()).isEmpty()) {
      return p("No roofline point: the profiled kernels have no bound problem to give their FLOPs (or no DRAM bytes).")
          .withStyle("color:#666;font-size:90%");
    }
    String png = Base64.getEncoder().encodeToString(RooflineChart.countedPng(view.gpu(), view.profiles()));
    return img().withSrc("data:image/png;base64," + png)
        .withAlt("the " + view.gpu().name() + " FP32 roofline with each kernel at its lower bound from counted traffic");
  }

  private static DivTag kernel(SourceProfile view, KernelProfile p) {
    Map<Integer, List<LineCounts>> byLine = new HashMap<>();
    for (LineCounts l : p.lines()) {
      byLine.computeIfAbsent(l.line(), k -> new ArrayList<>()).add(l);
    }
    long total = Math.max(1, p.lines().stream().mapToLong(LineCounts::cost).sum());
    List<String> lines = view.text().lines().toList();
    List<TrTag> rows = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      List<LineCounts> counted = byLine.getOrDefault(i + 1, List.of());
      long cost = counted.stream().mapToLong(LineCounts::cost).sum();
      double share = 100.0 * cost / total;
      String detail = String.join("; ", counted.stream().map(ProfileHtml::detail).toList());
      rows.add(tr(
          td(Integer.toString(i + 1)).withStyle("color:#888;text-align:right;padding-right:6px"),
          td(counted.isEmpty() ? span() : span().withStyle(BAR + ";width:" + String.format(Locale.ROOT, "%.1f", share * 1.2) + "px"))
              .withStyle("width:124px;" + LEFT),
          td(counted.isEmpty() ? "" : String.format(Locale.ROOT, "%.1f%%", share)).withStyle("text-align:right;padding-right:8px;font-size:85%"),
          td(pre(lines.get(i)).withStyle("margin:0")).withStyle(LEFT).withTitle(detail)));
    }
    return div(
        h3(p.kernel() + " (" + view.fileName() + "): memory traffic per line, as the emulator counted it"),
        table(rows.toArray(TrTag[]::new)).withStyle("border-collapse:collapse;font-family:monospace;font-size:90%"),
        pre(ProfileText.totals(p) + ProfileText.bound(p, view.gpu())));
  }

  private static String detail(LineCounts l) {
    return String.format(Locale.ROOT, "%s: %,d requests, %s", l.op().key(), l.requests(),
        l.op().shared() ? String.format(Locale.ROOT, "%.2f wavefronts/request", l.wavefrontsPerRequest())
            : String.format(Locale.ROOT, "%.2f sectors/request", l.sectorsPerRequest()));
  }
}
