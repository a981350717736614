package dev.kernelplayground.notebook;

import static j2html.TagCreator.div;
import static j2html.TagCreator.p;

import dev.kernelplayground.ada.AdaGpus;
import dev.kernelplayground.check.CheckReport;
import dev.kernelplayground.picture.Picture;
import dev.kernelplayground.report.CheckHtml;
import dev.kernelplayground.report.CheckText;
import dev.kernelplayground.report.HtmlTable;
import dev.kernelplayground.report.ProfileHtml;
import dev.kernelplayground.report.ProfileText;
import dev.kernelplayground.profile.SourceProfile;
import dev.kernelplayground.report.TimingTable;
import dev.kernelplayground.run.TrialResult;
import java.util.List;
import java.util.function.Function;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.common.Image;
import org.dflib.jjava.jupyter.kernel.display.common.Text;
import org.dflib.jjava.jupyter.kernel.display.common.Url;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * How the playground's results look in a notebook: a check report or a trial as an HTML table (with the
 * plain-text report for consoles and diffs), a failed one with its error map by tile as a picture. Images, e.g. XChart plots as {@code BufferedImage}, render as
 * PNG through the protocol library's own image renderer; the playground's {@link Picture}s as SVG, with their numbers
 * in words as plain text.
 */
final class Displays {
  private Displays() {}

  /**
   * A renderer like the Jupyter kernel's, for running notebooks without Jupyter: the protocol library's
   * images, URLs and text, and the playground's own results.
   */
  static Renderer renderer() {
    Renderer renderer = new Renderer();
    Image.registerAll(renderer);
    Url.registerAll(renderer);
    Text.registerAll(renderer);
    register(renderer);
    return renderer;
  }

  static void register(Renderer renderer) {
    htmlOrText(renderer, CheckReport.class, report -> CheckHtml.section(report).render(), CheckText::full);
    htmlOrText(renderer, TrialTable.class, Displays::html, Displays::text);
    htmlOrText(renderer, TrialResult.class, Displays::html, Displays::text);
    renderer.createRegistration(Picture.class)
        .preferring(MIMEType.IMAGE_SVG)
        .supporting(MIMEType.TEXT_PLAIN)
        .register(
            (picture, context) -> {
              context.renderIfRequested(MIMEType.IMAGE_SVG, picture::svg);
              context.renderIfRequested(MIMEType.TEXT_PLAIN, picture::describe);
            });
    htmlOrText(renderer, SourceProfile.class, ProfileHtml::of,
        view -> String.join("\n", view.profiles().stream().map(p -> ProfileText.of(p, view.gpu())).toList()));
  }

  /** Shows a {@code type} as HTML where the front end can, and as plain text for consoles and diffs. */
  private static <T> void htmlOrText(
      Renderer renderer, Class<T> type, Function<T, String> html, Function<T, String> text) {
    renderer.createRegistration(type)
        .preferring(MIMEType.TEXT_HTML)
        .supporting(MIMEType.TEXT_PLAIN)
        .register(
            (value, context) -> {
              context.renderIfRequested(MIMEType.TEXT_HTML, () -> html.apply(value));
              context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> text.apply(value));
            });
  }

  static String text(TrialTable trials) {
    StringBuilder b = new StringBuilder();
    for (TrialResult t : trials.results()) {
      b.append(CheckText.summary(t.check())).append('\n');
    }
    return b.append(TimingTable.text(trials.results(), AdaGpus.RTX_4090)).toString();
  }

  static String text(TrialResult trial) {
    StringBuilder b = new StringBuilder(CheckText.full(trial.check()));
    if (trial.recheck() != null) {
      b.append("  re-check ").append(CheckText.summary(trial.recheck())).append('\n');
    }
    if (trial.timing() != null) {
      b.append(TimingTable.text(List.of(trial), AdaGpus.RTX_4090));
    }
    return b.toString();
  }

  /** Each check's one-line summary, its verdict coloured, then the timing table. */
  static String html(TrialTable trials) {
    StringBuilder b = new StringBuilder();
    for (TrialResult t : trials.results()) {
      String verdict = t.check().passed() ? "PASS" : "FAIL";
      String summary = CheckText.summary(t.check()); // "PASS  first run: ...": the verdict word, coloured, then the rest
      String rest = summary.startsWith(verdict) ? summary.substring(verdict.length()) : " " + summary;
      b.append(div(HtmlTable.verdict(verdict), j2html.TagCreator.text(rest)).render());
    }
    return b.append(TimingTable.html(trials.results(), AdaGpus.RTX_4090).render()).toString();
  }

  /** The check as HTML (with its error map picture when elements failed: {@link CheckHtml#section}), the timing. */
  static String html(TrialResult trial) {
    StringBuilder b = new StringBuilder(CheckHtml.section(trial.check()).render());
    if (trial.recheck() != null) {
      b.append(p("re-check " + CheckText.summary(trial.recheck())).render());
    }
    if (trial.timing() != null) {
      b.append(TimingTable.html(List.of(trial), AdaGpus.RTX_4090).render());
    }
    return b.toString();
  }
}
