package dev.kernelplayground.lessons;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kernelplayground.compile.CudaToolkit;
import dev.kernelplayground.lessons.LessonNotebook.Edition;
import dev.kernelplayground.notebook.Exercises;
import dev.kernelplayground.notebook.NotebookRunner;
import dev.kernelplayground.testing.OpenCl;
import dev.kernelplayground.testing.Runtimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lesson runs headless with the playground's engine (Java on PoCL, CUDA on the emulator): with its
 * solutions every cell runs and every exercise is solved, while every planted wrong answer (a {@code wrong=ID/NAME}
 * block) is rejected by the same check; the learner's edition runs to the end too and names every exercise as not
 * yet solved, with nvcc hidden (as on a laptop without the CUDA toolkit: every {@code %%cuda} cell shows its recorded
 * sm_89 report, and says so) while the solutions' edition uses nvcc where it is. {@code -Dkp.lessons=02,07} runs only the lessons whose names start with those prefixes.
 */
class LessonsRunTest {
  static Stream<LessonFiles.Pair> lessons() throws Exception {
    List<String> only = List.of(System.getProperty("kp.lessons", "").split(",")).stream().filter(s -> !s.isBlank()).toList();
    return LessonFiles.under(Path.of(".")).stream().filter(p -> only.isEmpty() || only.stream().anyMatch(p.id()::startsWith));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lessons")
  void runsWithItsSolutionsRejectsItsPlantedAnswersAndTellsTheLearnerWhatIsLeft(LessonFiles.Pair lesson, @TempDir Path dir) throws Exception {
    OpenCl.firstDevice();
    Runtimes.assume(Runtimes.CXX, dev.kernelplayground.emulator.Emulator.available(), "the lessons' CUDA cells need g++");
    String md = Files.readString(lesson.lesson());
    List<String> exercises = LessonNotebook.checks(md).stream().map(LessonNotebook.Cell::exercise).toList();
    List<String> planted = LessonNotebook.planted(md).stream().map(LessonNotebook::plantedId).toList();

    Path solutions = Files.writeString(dir.resolve("planted.ipynb"), LessonNotebook.fromMarkdown(md, lesson.id(), Edition.PLANTED));
    long start = System.nanoTime();
    NotebookRunner.Outcome solved = new NotebookRunner().run(solutions, dir.resolve("planted.out.ipynb"), p -> {});
    System.out.printf("%s with solutions and %d planted wrong answers: %d cells in %.1f s%n",
        lesson.id(), planted.size(), solved.cellsRun(), (System.nanoTime() - start) / 1e9);
    assertTrue(solved.passed(), lesson.id() + ": " + solved.failure());
    Map<String, Exercises.Status> verdicts = solved.exercises();
    List<String> checked = new ArrayList<>(exercises);
    checked.addAll(planted);
    assertEquals(checked.stream().sorted().toList(), verdicts.keySet().stream().sorted().toList(), "every exercise and planted answer is checked");
    for (String exercise : exercises) {
      assertTrue(verdicts.get(exercise).solved(), lesson.id() + ": the solution fails its check: " + verdicts.get(exercise));
    }
    for (String wrong : planted) {
      assertFalse(verdicts.get(wrong).solved(), lesson.id() + ": the check accepts the planted wrong answer " + wrong);
      System.out.println("  rejected " + wrong + ": " + verdicts.get(wrong).detail());
    }

    // The learner's edition runs as on a laptop without the CUDA toolkit: its compile reports are the recorded ones.
    Path learnerOut = dir.resolve("learner.out.ipynb");
    NotebookRunner.Outcome learner = withoutNvcc(() -> new NotebookRunner().run(lesson.notebook(), learnerOut, p -> {}));
    assertTrue(learner.passed(), lesson.id() + " (learner edition, no nvcc): " + learner.failure());
    assertEquals(exercises, learner.unsolved(), "the starters solve nothing: " + learner.exercises());
    for (JsonElement element : JsonParser.parseString(Files.readString(learnerOut)).getAsJsonObject().getAsJsonArray("cells")) {
      JsonObject cell = element.getAsJsonObject();
      String source = NotebookRunner.source(cell);
      if (cell.get("cell_type").getAsString().equals("code") && source.strip().startsWith("%%cuda")
          && !source.strip().startsWith("%%cuda --run")) {
        String shown = cell.getAsJsonArray("outputs").toString();
        assertTrue(shown.contains(RecordedReports.LABEL), lesson.id() + ": without nvcc, this %%cuda cell shows no recorded"
            + " sm_89 report (run the lesson with nvcc and " + RecordedReports.RECORD_VARIABLE + "=1 to record it):\n"
            + source + "\n" + shown);
      }
    }
  }

  /** Runs {@code run} with nvcc hidden from this JVM ({@link CudaToolkit#NVCC_PROPERTY}), as on a machine without it. */
  private static <T> T withoutNvcc(Callable<T> run) throws Exception {
    String before = System.getProperty(CudaToolkit.NVCC_PROPERTY);
    System.setProperty(CudaToolkit.NVCC_PROPERTY, "/nowhere/nvcc");
    try {
      assertTrue(CudaToolkit.find().isEmpty(), "nvcc is hidden");
      return run.call();
    } finally {
      if (before == null) {
        System.clearProperty(CudaToolkit.NVCC_PROPERTY);
      } else {
        System.setProperty(CudaToolkit.NVCC_PROPERTY, before);
      }
    }
  }
}
