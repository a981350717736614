package dev.kernelplayground.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.kernelplayground.emulator.Emulator;
import dev.kernelplayground.lessons.LessonNotebook.Edition;
import dev.kernelplayground.notebook.Exercises;
import dev.kernelplayground.notebook.NotebookRunner;
import dev.kernelplayground.testing.Runtimes;
import dev.kernelplayground.testing.Texts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exercise whose kernel races is not solved, and the reason is the sanitizer's finding at the learner's
 * line: lesson 4's tiled_sync starter (the tiled matmul without its second barrier), run as a learner runs
 * it, with its own check.
 */
class RacingExerciseTest {
  @Test
  void theStarterWithoutItsSecondBarrierIsNotSolvedAndTheReasonNamesTheRaceAndItsLines(@TempDir Path dir)
      throws Exception {
    Runtimes.assume(Runtimes.CXX, Emulator.available(), "the exercise's CUDA cell needs g++");
    String lesson = Files.readString(Path.of("lessons/04-tiled-matmul-1.md"));
    String md = "# tiled_sync alone\n\n" + block(lesson, "```cuda exercise=tiled_sync") + "\n"
        + block(lesson, "```cuda solution=tiled_sync") + "\n" + block(lesson, "```java check=tiled_sync") + "\n";
    Path notebook = Files.writeString(dir.resolve("learner.ipynb"), LessonNotebook.fromMarkdown(md, "race", Edition.LEARNER));
    Path out = dir.resolve("learner.out.ipynb");

    NotebookRunner.Outcome outcome = new NotebookRunner().run(notebook, out, p -> {});

    assertTrue(outcome.passed(), outcome.failure());
    Exercises.Status status = outcome.exercises().get("tiled_sync");
    assertFalse(status.solved(), status.line());
    // thread 0 runs on past the product loop and loads the next tile (line 17 or 18) before its neighbour has
    // read the current one (line 20): which hazard comes first depends on the thread order, the lines do not
    Matcher finding = Pattern.compile("^cuda-cell-1\\.cu:(17|18|20): (read-after-write|write-after-read) race on shared"
        + " memory: thread \\(\\d+,\\d+,0\\) (reads|writes) (as|bs)\\[\\d+\\]\\[\\d+\\], which thread \\(\\d+,\\d+,0\\)"
        + " (wrote|read) at line (17|18|20),").matcher(status.detail());
    assertTrue(finding.find(), status.detail());
    String shown = JsonParser.parseString(Files.readString(out)).toString();
    Texts.assertContains(shown, "not yet solved");
    Texts.assertContains(shown, finding.group());
  }

  /** The fenced block that starts with {@code fence} in the lesson, fences included. */
  private static String block(String lesson, String fence) {
    int start = lesson.indexOf(fence);
    assertTrue(start >= 0, fence);
    int end = lesson.indexOf("\n```\n", start + fence.length());
    return lesson.substring(start, end + 5);
  }

  @Test
  void theBlockHelperTakesTheWholeFence() {
    assertEquals("```cuda x\nA\n```\n", block("intro\n```cuda x\nA\n```\nmore", "```cuda x"));
  }
}
