package dev.kernelplayground.lessons;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lessons in Markdown become notebooks: code fences become cells, prose stays verbatim, and the two stay in sync. */
class LessonNotebookTest {
  @Test
  void fencesBecomeCodeCellsAndTheProseBetweenThemMarkdown() {
    String md = """
        # Title

        Some *prose*.

        ```java
        int x = 1;
        x + 1
        ```

        More prose.

            indented code stays prose

        ```cuda
        __global__ void k() {}
        ```

        ```text
        not a cell
        ```
        """;
    List<LessonNotebook.Cell> cells = LessonNotebook.cells(md);
    assertEquals(5, cells.size(), cells.toString());
    assertEquals(new LessonNotebook.Cell(false, "# Title\n\nSome *prose*."), cells.get(0));
    assertEquals(new LessonNotebook.Cell(true, "int x = 1;\nx + 1"), cells.get(1));
    assertTrue(cells.get(2).text().contains("indented code stays prose"));
    assertEquals(new LessonNotebook.Cell(true, "%%cuda\n__global__ void k() {}"), cells.get(3));
    assertEquals(new LessonNotebook.Cell(false, "```text\nnot a cell\n```"), cells.get(4), "other fences stay prose");
  }

  @Test
  void theNotebookIsValidNbformatForThePlaygroundKernel() {
    var nb = JsonParser.parseString(LessonNotebook.fromMarkdown("# T\n\n```java\n1 + 1\n```\n", "00-t")).getAsJsonObject();
    assertEquals(4, nb.get("nbformat").getAsInt());
    assertEquals("kernel-playground", nb.getAsJsonObject("metadata").getAsJsonObject("kernelspec").get("name").getAsString());
    var code = nb.getAsJsonArray("cells").get(1).getAsJsonObject();
    assertEquals("code", code.get("cell_type").getAsString());
    assertEquals("00-t-2", code.get("id").getAsString());
    assertTrue(code.get("execution_count").isJsonNull());
    assertEquals("1 + 1", code.getAsJsonArray("source").get(0).getAsString());
  }

  @Test
  void everyCommittedNotebookIsWhatItsLessonGenerates() throws Exception {
    List<LessonFiles.Pair> pairs = LessonFiles.under(Path.of("."));
    assertFalse(pairs.isEmpty(), "lessons/ has no lessons");
    for (LessonFiles.Pair p : pairs) {
      assertTrue(p.inSync(), p.notebook() + " is out of date with " + p.lesson() + ": run ./kp notebook generate");
    }
  }

  /** An exercise's starter and solution, in a lesson's Markdown; the tests add its check and more. */
  private static final String SQUARE_EXERCISE = """
        ```java exercise=sq
        int sq(int x) { return 0; }
        ```

        ```java solution=sq
        int sq(int x) { return x * x; }
        ```

        """;

  @Test
  void exercisesHaveAStarterForLearnersAndASolutionForTheKey() {
    String md = SQUARE_EXERCISE + """
        ```java check=sq
        sq(3) == 9
        ```
        """;
    String learner = LessonNotebook.fromMarkdown(md, "t", LessonNotebook.Edition.LEARNER);
    String key = LessonNotebook.fromMarkdown(md, "t", LessonNotebook.Edition.SOLUTIONS);
    assertTrue(learner.contains("return 0;") && !learner.contains("x * x"), learner);
    assertTrue(key.contains("x * x") && !key.contains("return 0;"), key);
    assertTrue(learner.contains("%%check sq") && learner.contains("\"role\": \"check\""), learner);
    var bad = assertThrows(IllegalArgumentException.class,
        () -> LessonNotebook.fromMarkdown("```java exercise=lonely\nint x;\n```\n", "t"));
    assertTrue(bad.getMessage().contains("exercise lonely has 0 solution blocks"), bad.getMessage());
  }

  @Test
  void plantedWrongAnswersRunOnlyInThePlantedEditionEachFollowedByTheCheckThenTheSolution() {
    String md = SQUARE_EXERCISE + """
        ```java wrong=sq/doubles
        int sq(int x) { return 2 * x; }
        ```

        ```java check=sq
        sq(3) == 9
        ```

        ```java
        sq(4)
        ```
        """;
    assertFalse(LessonNotebook.fromMarkdown(md, "t", LessonNotebook.Edition.LEARNER).contains("2 * x"));
    assertFalse(LessonNotebook.fromMarkdown(md, "t", LessonNotebook.Edition.SOLUTIONS).contains("2 * x"));
    var cells = JsonParser.parseString(LessonNotebook.fromMarkdown(md, "t", LessonNotebook.Edition.PLANTED)).getAsJsonObject()
        .getAsJsonArray("cells");
    List<String> sources = new java.util.ArrayList<>();
    cells.forEach(c -> sources.add(String.join("", c.getAsJsonObject().getAsJsonArray("source").asList().stream().map(e -> e.getAsString()).toList())));
    assertEquals(List.of("int sq(int x) { return x * x; }", "%%check sq\nsq(3) == 9", "int sq(int x) { return 2 * x; }",
        "%%check sq/doubles\nsq(3) == 9", "int sq(int x) { return x * x; }", "sq(4)"), sources);
    assertEquals(List.of("sq/doubles"), LessonNotebook.planted(md).stream().map(LessonNotebook::plantedId).toList());
    var unnamed = assertThrows(IllegalArgumentException.class, () -> LessonNotebook.fromMarkdown("```java wrong=sq\nint x;\n```\n", "t"));
    assertTrue(unnamed.getMessage().contains("wrong=sq/stride-one"), unnamed.getMessage());
  }

  /** A check nobody tried to fool proves little: every exercise of every lesson has at least one planted wrong answer. */
  @Test
  void everyExerciseHasAPlantedWrongAnswer() throws Exception {
    for (LessonFiles.Pair p : LessonFiles.under(Path.of("."))) {
      String md = java.nio.file.Files.readString(p.lesson());
      var planted = LessonNotebook.planted(md).stream().map(LessonNotebook.Cell::exercise).collect(java.util.stream.Collectors.toSet());
      for (LessonNotebook.Cell check : LessonNotebook.checks(md)) {
        assertTrue(planted.contains(check.exercise()), p.lesson() + ": exercise " + check.exercise() + " has no wrong=" + check.exercise() + "/NAME block");
      }
    }
  }
}
