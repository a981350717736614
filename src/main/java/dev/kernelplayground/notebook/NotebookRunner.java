package dev.kernelplayground.notebook;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;

/**
 * Runs a notebook without Jupyter, with the kernel's own engine: every code cell in order, its printed
 * output, its value (rendered as the kernel would) and its error stored as nbformat outputs. The result is
 * written to a temporary file beside the target and moved into place, so a notebook is never left half
 * written. The run stops at the first failing cell, as {@code jupyter execute} does. Knowing every cell at the start,
 * it has the {@code %%cuda} cells compiled ahead of their turn in the background (each still reports at its turn).
 */
public final class NotebookRunner {
  /**
   * What a run did: how many code cells ran, the first failure (null when all passed), and the verdict of
   * every exercise a {@code %%check} cell checked.
   */
  public record Outcome(int cellsRun, int codeCells, String failure, Map<String, Exercises.Status> exercises) {
    public boolean passed() {
      return failure == null;
    }

    /** The exercises not yet solved, by id. */
    public List<String> unsolved() {
      return exercises.values().stream().filter(s -> !s.solved()).map(Exercises.Status::exercise).toList();
    }
  }

  /**
   * How to run: {@code keepGoing} runs every cell even after one fails (a grader wants every exercise
   * checked); {@code results}, when set, is a JSON file of the exercises' verdicts, rewritten after every
   * check so that it survives a submission that kills its own process.
   */
  public record Options(boolean keepGoing, Path results) {
    public static final Options DEFAULT = new Options(false, null);
  }

  private final Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  /**
   * Runs {@code notebook} and writes the executed copy to {@code target} (which may be the notebook
   * itself); {@code progress} hears about each cell.
   */
  public Outcome run(Path notebook, Path target, Consumer<String> progress) throws IOException {
    return run(notebook, target, progress, Options.DEFAULT);
  }

  /** The same, with options. */
  public Outcome run(Path notebook, Path target, Consumer<String> progress, Options options) throws IOException {
    JsonObject nb = JsonParser.parseString(Files.readString(notebook)).getAsJsonObject();
    JsonArray cells = nb.getAsJsonArray("cells");
    int codeCells = 0;
    for (JsonElement c : cells) {
      codeCells += isCode(c.getAsJsonObject()) ? 1 : 0;
    }
    Renderer renderer = Displays.renderer();
    int run = 0;
    String failure = null;
    Map<String, Exercises.Status> exercises;
    try (NotebookSession session = NotebookSession.open()) {
      Cells router = new Cells(session);
      List<String> cudaCells = new ArrayList<>();
      for (JsonElement c : cells) {
        if (isCode(c.getAsJsonObject()) && Cells.isCuda(source(c.getAsJsonObject()))) {
          cudaCells.add(source(c.getAsJsonObject()));
        }
      }
      session.compileAhead(cudaCells);
      for (JsonElement element : cells) {
        JsonObject cell = element.getAsJsonObject();
        if (!isCode(cell)) {
          continue;
        }
        run++;
        progress.accept("cell " + run + " of " + codeCells);
        JsonArray outputs = new JsonArray();
        String failed = execute(router, renderer, source(cell), run, outputs);
        cell.add("outputs", outputs);
        cell.addProperty("execution_count", run);
        if (failed != null && failure == null) {
          failure = "cell " + run + ": " + failed;
        }
        if (options.results() != null) {
          writeAtomically(options.results(), resultsJson(run, codeCells, failure, session.exercises().results()));
        }
        if (failed != null && !options.keepGoing()) {
          break;
        }
      }
      exercises = session.exercises().results();
    }
    writeAtomically(target, gson.toJson(nb) + "\n");
    if (options.results() != null) {
      writeAtomically(options.results(), resultsJson(run, codeCells, failure, exercises));
    }
    return new Outcome(run, codeCells, failure, exercises);
  }

  private static String execute(Cells router, Renderer renderer, String code, int count, JsonArray outputs) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    Object value;
    try {
      value = router.run(code);
    } catch (CellError e) {
      System.setOut(oldOut);
      addStream(outputs, printed);
      JsonObject error = new JsonObject();
      error.addProperty("output_type", "error");
      error.addProperty("ename", "CellError");
      error.addProperty("evalue", e.lines().get(0));
      JsonArray traceback = new JsonArray();
      e.lines().forEach(traceback::add);
      error.add("traceback", traceback);
      outputs.add(error);
      return e.lines().get(0);
    } finally {
      System.setOut(oldOut);
    }
    addStream(outputs, printed);
    if (value != null) {
      DisplayData data = value instanceof DisplayData d ? d : renderer.render(value);
      JsonObject result = new JsonObject();
      result.addProperty("output_type", "execute_result");
      result.addProperty("execution_count", count);
      result.add("data", new Gson().toJsonTree(data).getAsJsonObject().get("data"));
      result.add("metadata", new JsonObject());
      outputs.add(result);
    }
    return null;
  }

  private static void addStream(JsonArray outputs, ByteArrayOutputStream printed) {
    if (printed.size() > 0) {
      JsonObject stream = new JsonObject();
      stream.addProperty("output_type", "stream");
      stream.addProperty("name", "stdout");
      stream.addProperty("text", printed.toString(StandardCharsets.UTF_8));
      outputs.add(stream);
    }
  }

  private String resultsJson(int cellsRun, int codeCells, String failure, Map<String, Exercises.Status> checked) {
    JsonObject results = new JsonObject();
    results.addProperty("cells_run", cellsRun);
    results.addProperty("code_cells", codeCells);
    results.addProperty("first_failure", failure);
    JsonObject exercises = new JsonObject();
    checked.forEach((id, s) -> {
      JsonObject e = new JsonObject();
      e.addProperty("solved", s.solved());
      e.addProperty("detail", s.detail());
      exercises.add(id, e);
    });
    results.add("exercises", exercises);
    return gson.toJson(results) + "\n";
  }

  private static boolean isCode(JsonObject cell) {
    return "code".equals(cell.get("cell_type").getAsString());
  }

  /** A cell's source, which nbformat allows as one string or a list of lines. */
  public static String source(JsonObject cell) {
    JsonElement source = cell.get("source");
    if (source.isJsonArray()) {
      StringBuilder b = new StringBuilder();
      source.getAsJsonArray().forEach(line -> b.append(line.getAsString()));
      return b.toString();
    }
    return source.getAsString();
  }


  private static void writeAtomically(Path target, String text) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, ".kp-notebook", ".tmp");
    try {
      Files.writeString(temp, text);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
