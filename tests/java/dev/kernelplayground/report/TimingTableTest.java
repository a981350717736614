package dev.kernelplayground.report;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.ada.AdaGpus;
import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.bench.Timing;
import dev.kernelplayground.check.Checker;
import dev.kernelplayground.check.CheckReport;
import dev.kernelplayground.device.Backend;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.problem.VectorAddProblem;
import dev.kernelplayground.run.KernelCase;
import dev.kernelplayground.run.TrialResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A GPU timing is shown against the roofline; a CPU timing never is. */
class TimingTableTest {
  static TrialResult timed(ExecutionTarget where, double seconds) {
    VectorAddProblem p = VectorAddProblem.random(1_000_000, 5);
    KernelCase c = KernelCase.wallClockTimed("vector_add", p, out -> where, 1, Precision.FP32);
    float[] out = new float[p.outputSize()];
    CheckReport check =
        Checker.run("vector_add", 5, p.expected(), p.inputs(), out,
            o -> { for (int i = 0; i < o.length; i++) o[i] = p.a()[i] + p.b()[i]; return where; }, 1);
    return new TrialResult(c, check, new Timing("vector_add", where, p.workload(), new double[] {seconds}), check);
  }

  @Test
  void gpuTimingIsAPercentageOfTheRoofline() {
    // 12 MB in 23.8 µs is 504 GB/s: half of the RTX 4090's 1008 GB/s
    ExecutionTarget gpu = new ExecutionTarget(Backend.CUDA, "GeForce RTX 4090", true);
    String table = TimingTable.text(List.of(timed(gpu, 12e6 / 504e9)), AdaGpus.RTX_4090);
    assertTrue(table.contains("50% of GeForce RTX 4090"), table);
  }

  @Test
  void cpuTimingIsNeverAPercentageOfAGpuPeak() {
    String table = TimingTable.text(List.of(timed(ExecutionTarget.javaThreads(2), 1e-3)), AdaGpus.RTX_4090);
    assertTrue(table.contains("CPU timing: not a GPU figure"), table);
    assertFalse(table.contains("%"), table);
  }

  @Test
  void htmlIsARealTableWithColouredVerdictsAndRightAlignedFigures() {
    ExecutionTarget gpu = new ExecutionTarget(Backend.CUDA, "GeForce RTX 4090", true);
    String html = TimingTable.html(List.of(timed(gpu, 12e6 / 504e9)), AdaGpus.RTX_4090).render();
    assertTrue(html.startsWith("<table"), html);
    assertFalse(html.contains("<pre"), "no ASCII table inside the HTML: " + html);
    assertTrue(html.contains(">GFLOP/s</th>") && html.contains(">vs roofline</th>"), html);
    assertTrue(html.contains("<td style=\"" ) && html.contains(HtmlTable.PASS_STYLE + "\">PASS</td>"), "PASS is coloured: " + html);
    assertTrue(html.contains("text-align:right;white-space:nowrap;font-family:monospace;font-variant-numeric:tabular-nums\">23.8 µs</td>"),
        "the median is a right-aligned figure: " + html);
    assertTrue(html.contains("overflow-wrap:break-word;max-width:32em\">50% of GeForce RTX 4090</td>"), "text wraps: " + html);
  }

  @Test
  void theTextTableKeepsItsLayout() {
    String table = TimingTable.text(List.of(timed(ExecutionTarget.javaThreads(2), 1e-3)), AdaGpus.RTX_4090);
    String header = table.lines().skip(1).findFirst().orElseThrow();
    assertEquals("| kernel     | problem", header.substring(0, "| kernel     | problem".length()), table);
    assertTrue(table.lines().anyMatch(l -> l.contains("|  PASS |") && l.contains("| 1.00 ms |")), table);
  }
}
