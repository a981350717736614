package dev.kernelplayground.grade;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kernelplayground.lessons.LessonNotebook;
import dev.kernelplayground.notebook.NotebookRunner;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A learner's notebook made ready for grading: every check cell it holds is replaced by the lesson's own
 * check for that exercise (a learner who edited or deleted a check gains nothing), and the lesson's checks
 * it lacks are appended at the end. Everything else stays as the learner wrote it.
 */
final class GradedNotebook {
  private GradedNotebook() {}

  static String of(String submissionJson, String lessonMarkdown) {
    Map<String, String> checks = new LinkedHashMap<>();
    for (LessonNotebook.Cell c : LessonNotebook.checks(lessonMarkdown)) {
      checks.put(c.exercise(), c.text());
    }
    JsonObject notebook = JsonParser.parseString(submissionJson).getAsJsonObject();
    JsonArray graded = new JsonArray();
    Map<String, String> left = new LinkedHashMap<>(checks);
    for (JsonElement e : notebook.getAsJsonArray("cells")) {
      JsonObject cell = e.getAsJsonObject();
      String checked = checkedExercise(cell);
      if (checked == null) {
        graded.add(cell);
      } else if (left.containsKey(checked)) {
        graded.add(codeCell(left.remove(checked)));
      } // a check the lesson does not have: dropped
    }
    left.values().forEach(text -> graded.add(codeCell(text)));
    notebook.add("cells", graded);
    return new GsonBuilder().disableHtmlEscaping().serializeNulls().create().toJson(notebook);
  }

  /** The exercise a cell checks: by its metadata, or by a {@code %%check ID} first line. */
  private static String checkedExercise(JsonObject cell) {
    if (!"code".equals(cell.get("cell_type").getAsString())) {
      return null;
    }
    JsonObject metadata = cell.has("metadata") ? cell.getAsJsonObject("metadata") : new JsonObject();
    if (metadata.has("kp") && "check".equals(metadata.getAsJsonObject("kp").get("role").getAsString())) {
      return metadata.getAsJsonObject("kp").get("exercise").getAsString();
    }
    String source = NotebookRunner.source(cell).strip();
    if (source.startsWith("%%check")) {
      String first = source.split("\n", 2)[0].substring("%%check".length()).strip();
      return first.isEmpty() ? null : first;
    }
    return null;
  }

  private static JsonObject codeCell(String text) {
    JsonObject cell = new JsonObject();
    cell.addProperty("cell_type", "code");
    cell.add("metadata", new JsonObject());
    cell.add("execution_count", null);
    cell.add("outputs", new JsonArray());
    cell.addProperty("source", text);
    return cell;
  }
}
