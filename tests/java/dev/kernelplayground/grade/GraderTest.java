package dev.kernelplayground.grade;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kernelplayground.lessons.LessonNotebook;
import dev.kernelplayground.lessons.LessonNotebook.Edition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A planted class: right, wrong, half right, one that edits its check to say "true", one that kills its own
 * JVM half way, one that never ends, and a file that is not a notebook. Each is graded in a JVM of its own
 * against the lesson's checks, several at once, and none disturbs the others.
 */
class GraderTest {
  @Test
  void gradesAPlantedClass(@TempDir Path dir) throws Exception {
    Path lesson = dir.resolve("lesson.md");
    try (var in = GraderTest.class.getResourceAsStream("/grade/lesson.md")) {
      Files.copy(in, lesson);
    }
    String md = Files.readString(lesson);
    String learner = LessonNotebook.fromMarkdown(md, "t", Edition.LEARNER);
    String solutions = LessonNotebook.fromMarkdown(md, "t", Edition.SOLUTIONS);

    Path right = write(dir, "right.ipynb", solutions);
    Path wrong = write(dir, "wrong.ipynb", learner);
    Path half = write(dir, "half.ipynb", replaceExercise(learner, "square", "int square(int x) { return x * x; }"));
    Path cheat = write(dir, "cheat.ipynb", replaceChecks(learner, "%%check square\ntrue"));
    Path crash = write(dir, "crash.ipynb", insertAfterCheck(solutions, "square", "Runtime.getRuntime().halt(3);"));
    Path endless = write(dir, "endless.ipynb", insertAfterCheck(solutions, "square", "while (true) { }"));
    Path junk = write(dir, "junk.ipynb", "this is not json");

    Grader grader = new Grader(lesson, Duration.ofSeconds(60), dir.resolve("work"));
    assertEquals(List.of("square", "add"), grader.exercises());
    List<Path> submissions = List.of(right, wrong, half, cheat, crash, endless, junk);
    // two at once: the endless one runs out its limit while the others are graded beside it
    List<SubmissionGrade> grades = grader.grade(submissions, 2, p -> {});
    assertEquals(submissions.stream().map(p -> p.getFileName().toString()).toList(),
        grades.stream().map(SubmissionGrade::name).toList(), "the grades come back in the submissions' order");
    assertThrows(IllegalArgumentException.class, () -> grader.grade(submissions, 0, p -> {}));
    Map<String, SubmissionGrade> by = grades.stream().collect(Collectors.toMap(SubmissionGrade::name, g -> g));
    String table = ClassTable.text(grader.exercises(), grades);

    assertEquals(Map.of("square", true, "add", true), by.get("right.ipynb").exercises(), table);
    assertNull(by.get("right.ipynb").problem(), table);
    assertEquals(Map.of("square", false, "add", false), by.get("wrong.ipynb").exercises(), table);
    assertEquals(Map.of("square", true, "add", false), by.get("half.ipynb").exercises(), table);
    assertEquals(Map.of("square", false, "add", false), by.get("cheat.ipynb").exercises(),
        "the lesson's checks replace the learner's: " + table);
    assertEquals(Map.of("square", true), by.get("crash.ipynb").exercises(), "what was checked before the crash counts: " + table);
    assertEquals("crashed (exit status 3)", by.get("crash.ipynb").problem(), table);
    assertTrue(by.get("endless.ipynb").problem().startsWith("timed out after 60 s"), table);
    assertTrue(by.get("junk.ipynb").problem().startsWith("not a notebook"), table);

    assertTrue(table.contains("| right.ipynb ") && table.contains("2 / 2"), table);
    String csv = ClassTable.csv(grader.exercises(), grades);
    assertTrue(csv.startsWith("submission,square,add,solved,seconds,run"), csv);
    assertTrue(csv.contains("half.ipynb,pass,fail,1,"), csv);
  }

  private static Path write(Path dir, String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  private static JsonArray cells(JsonObject nb) {
    return nb.getAsJsonArray("cells");
  }

  private static String replaceExercise(String notebook, String exercise, String code) {
    JsonObject nb = JsonParser.parseString(notebook).getAsJsonObject();
    for (var e : cells(nb)) {
      JsonObject c = e.getAsJsonObject();
      JsonObject kp = c.getAsJsonObject("metadata").getAsJsonObject("kp");
      if (kp != null && exercise.equals(kp.get("exercise").getAsString()) && "exercise".equals(kp.get("role").getAsString())) {
        c.addProperty("source", code);
      }
    }
    return nb.toString();
  }

  private static String replaceChecks(String notebook, String code) {
    JsonObject nb = JsonParser.parseString(notebook).getAsJsonObject();
    for (var e : cells(nb)) {
      JsonObject c = e.getAsJsonObject();
      JsonObject kp = c.getAsJsonObject("metadata").getAsJsonObject("kp");
      if (kp != null && "check".equals(kp.get("role").getAsString())) {
        c.addProperty("source", code.replace("square", kp.get("exercise").getAsString()));
      }
    }
    return nb.toString();
  }

  private static String insertAfterCheck(String notebook, String exercise, String code) {
    JsonObject nb = JsonParser.parseString(notebook).getAsJsonObject();
    JsonArray out = new JsonArray();
    for (var e : cells(nb)) {
      out.add(e);
      JsonObject kp = e.getAsJsonObject().getAsJsonObject("metadata").getAsJsonObject("kp");
      if (kp != null && exercise.equals(kp.get("exercise").getAsString()) && "check".equals(kp.get("role").getAsString())) {
        JsonObject cell = new JsonObject();
        cell.addProperty("cell_type", "code");
        cell.add("metadata", new JsonObject());
        cell.add("outputs", new JsonArray());
        cell.addProperty("source", code);
        out.add(cell);
      }
    }
    nb.add("cells", out);
    return nb.toString();
  }
}
