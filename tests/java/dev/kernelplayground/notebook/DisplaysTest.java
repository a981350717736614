package dev.kernelplayground.notebook;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.bench.CacheFlush;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.problem.MatmulProblem;
import dev.kernelplayground.report.CheckHtml;
import dev.kernelplayground.report.CheckText;
import dev.kernelplayground.run.KernelCase;
import dev.kernelplayground.run.Trial;
import dev.kernelplayground.run.TrialResult;
import java.util.Arrays;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

/** How a trial shows in a notebook. */
class DisplaysTest {
  @Test
  void aFailedTrialShowsItsErrorMapPictureOnce() {
    MatmulProblem p = MatmulProblem.random(40, 30, 20, 11);
    KernelCase zeros = KernelCase.wallClockTimed("zeros", p, out -> {
      Arrays.fill(out, 0f);
      return ExecutionTarget.javaThreads(1);
    }, 16, Precision.FP32);
    TrialResult trial = Trial.run(zeros, new BenchConfig(0, 1), CacheFlush.NONE);
    assertFalse(trial.passed());
    String html = (String) Displays.renderer().render(trial).getData(MIMEType.TEXT_HTML);
    assertEquals(1, html.split("data:image/png;base64,", -1).length - 1, "one error-map PNG, rendered once");
    var report = Displays.renderer().render(trial.check());
    assertEquals(CheckHtml.section(trial.check()).render(), report.getData(MIMEType.TEXT_HTML));
    assertEquals(CheckText.full(trial.check()), report.getData(MIMEType.TEXT_PLAIN));
  }

  @Test
  void aSweepIsAnHtmlTableAndPlainTextForTerminals() {
    MatmulProblem p = MatmulProblem.random(17, 9, 5, 3);
    KernelCase right = KernelCase.wallClockTimed("right", p, out -> {
      double[] want = p.expected().values();
      for (int i = 0; i < out.length; i++) out[i] = (float) want[i];
      return ExecutionTarget.javaThreads(1);
    }, 16, Precision.FP32);
    TrialTable sweep = new TrialTable(java.util.List.of(Trial.run(right, new BenchConfig(0, 1), CacheFlush.NONE)));
    var rendered = Displays.renderer().render(sweep);
    String html = (String) rendered.getData(MIMEType.TEXT_HTML);
    String text = (String) rendered.getData(MIMEType.TEXT_PLAIN);
    assertTrue(html.contains("<table") && html.contains("<th"), html);
    assertFalse(html.contains("<pre>") || html.contains("+-----"), "no ASCII art in the HTML: " + html);
    assertTrue(html.contains("PASS</td>") && html.contains("PASS</span>  first run: 0 of 153 elements off"), html);
    assertEquals(2, html.split("PASS<", -1).length - 1, "the verdict once in the summary, once in the table: " + html);
    assertTrue(text.contains("+-----") && text.contains("|  PASS |"), "the text/plain part stays the terminal's table: " + text);
  }

  @Test
  void aPictureIsSvgWithItsNumbersInWordsForTerminals() {
    var picture = dev.kernelplayground.picture.TileWalkPicture.of(67, 45, 33, 16);
    var rendered = Displays.renderer().render(picture);
    String svg = (String) rendered.getData(MIMEType.IMAGE_SVG);
    assertTrue(svg.startsWith("<svg") && svg.contains("viewBox=") && svg.contains("<text"), svg.substring(0, 200));
    assertEquals(picture.describe(), rendered.getData(MIMEType.TEXT_PLAIN));
  }
}
