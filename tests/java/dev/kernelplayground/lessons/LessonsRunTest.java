package dev.kernelplayground.lessons;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.lessons.LessonNotebook.Edition;
import dev.kernelplayground.notebook.NotebookRunner;
import dev.kernelplayground.testing.OpenCl;
import dev.kernelplayground.testing.Runtimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lesson runs headless with the playground's engine (Java on PoCL, CUDA on the emulator): with its
 * solutions every cell runs and every exercise is solved; the learner's edition runs to the end too and
 * names every exercise as not yet solved.
 */
class LessonsRunTest {
  static Stream<LessonFiles.Pair> lessons() throws Exception {
    return LessonFiles.under(Path.of(".")).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lessons")
  void runsWithItsSolutionsAndTellsTheLearnerWhatIsLeft(LessonFiles.Pair lesson, @TempDir Path dir) throws Exception {
    OpenCl.firstDevice();
    Runtimes.assume(Runtimes.CXX, dev.kernelplayground.emulator.Emulator.available(), "the lessons' CUDA cells need g++");
    String md = Files.readString(lesson.lesson());
    List<String> exercises = LessonNotebook.checks(md).stream().map(LessonNotebook.Cell::exercise).toList();

    Path solutions = Files.writeString(dir.resolve("solutions.ipynb"), LessonNotebook.fromMarkdown(md, lesson.id(), Edition.SOLUTIONS));
    long start = System.nanoTime();
    NotebookRunner.Outcome solved = new NotebookRunner().run(solutions, dir.resolve("solutions.out.ipynb"), p -> {});
    System.out.printf("%s with solutions: %d cells in %.1f s%n", lesson.id(), solved.cellsRun(), (System.nanoTime() - start) / 1e9);
    assertTrue(solved.passed(), lesson.id() + ": " + solved.failure());
    assertEquals(exercises, List.copyOf(solved.exercises().keySet()), "every exercise is checked");
    assertEquals(List.of(), solved.unsolved(), lesson.id() + ": " + solved.exercises());

    NotebookRunner.Outcome learner = new NotebookRunner().run(lesson.notebook(), dir.resolve("learner.out.ipynb"), p -> {});
    assertTrue(learner.passed(), lesson.id() + " (learner edition): " + learner.failure());
    assertEquals(exercises, learner.unsolved(), "the starters solve nothing: " + learner.exercises());
  }
}
