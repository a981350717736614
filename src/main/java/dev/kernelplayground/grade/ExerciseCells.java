package dev.kernelplayground.grade;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kernelplayground.notebook.NotebookRunner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cells of a learner's notebook that grading runs: its exercise cells (code cells whose {@code
 * metadata.kp} says {@code role: exercise}, as the lesson's notebook made them), as the learner left them,
 * by exercise id, in notebook order. No other cell of the notebook runs during grading.
 */
final class ExerciseCells {
  private ExerciseCells() {}

  /** Exercise id → its cells' sources. */
  static Map<String, List<String>> of(String notebookJson) {
    Map<String, List<String>> cells = new LinkedHashMap<>();
    JsonObject notebook = JsonParser.parseString(notebookJson).getAsJsonObject();
    for (JsonElement e : notebook.getAsJsonArray("cells")) {
      JsonObject cell = e.getAsJsonObject();
      JsonObject metadata = cell.has("metadata") ? cell.getAsJsonObject("metadata") : new JsonObject();
      JsonObject kp = metadata.has("kp") ? metadata.getAsJsonObject("kp") : null;
      if ("code".equals(cell.get("cell_type").getAsString()) && kp != null && kp.has("exercise") && kp.has("role")
          && "exercise".equals(kp.get("role").getAsString())) {
        cells.computeIfAbsent(kp.get("exercise").getAsString(), id -> new ArrayList<>()).add(NotebookRunner.source(cell));
      }
    }
    return cells;
  }
}
