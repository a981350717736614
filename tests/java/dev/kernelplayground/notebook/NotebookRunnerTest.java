package dev.kernelplayground.notebook;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kernelplayground.emulator.Emulator;
import dev.kernelplayground.testing.Runtimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless runner: same engine as the kernel, outputs in nbformat, written whole or not at all. */
class NotebookRunnerTest {
  @Test
  void runsEveryCodeCellAndStoresItsOutputs(@TempDir Path dir) throws Exception {
    Path source = copy("small.ipynb", dir);
    Path target = dir.resolve("small.out.ipynb");
    List<String> progress = new ArrayList<>();
    NotebookRunner.Outcome outcome = new NotebookRunner().run(source, target, progress::add);
    assertTrue(outcome.passed(), outcome.failure());
    assertEquals(5, outcome.cellsRun());
    assertEquals(List.of("cell 1 of 5", "cell 2 of 5", "cell 3 of 5", "cell 4 of 5", "cell 5 of 5"), progress);
    var cells = JsonParser.parseString(Files.readString(target)).getAsJsonObject().getAsJsonArray("cells");
    JsonObject first = cells.get(1).getAsJsonObject().getAsJsonArray("outputs").get(0).getAsJsonObject();
    assertEquals("42", first.getAsJsonObject("data").get("text/plain").getAsString());
    String stream = cells.get(2).getAsJsonObject().getAsJsonArray("outputs").get(0).getAsJsonObject().get("text").getAsString();
    assertEquals("hello from cell 2\n", stream);
    JsonObject trial = cells.get(4).getAsJsonObject().getAsJsonArray("outputs").get(0).getAsJsonObject();
    assertTrue(trial.getAsJsonObject("data").get("text/html").getAsString().contains("PASS"), trial.toString());
    JsonObject roofline = cells.get(5).getAsJsonObject().getAsJsonArray("outputs").get(0).getAsJsonObject();
    assertTrue(roofline.getAsJsonObject("data").has("image/png"), "a chart shows as a picture: " + roofline.keySet());
    assertEquals(Files.readString(copy("small.ipynb", dir.resolve("again"))), Files.readString(source), "the source is untouched");
  }

  @Test
  void stopsAtTheFailingCellAndSaysWhichAndWhy(@TempDir Path dir) throws Exception {
    Path source = copy("failing.ipynb", dir);
    Path target = dir.resolve("failing.out.ipynb");
    NotebookRunner.Outcome outcome = new NotebookRunner().run(source, target, p -> {});
    assertFalse(outcome.passed());
    assertTrue(outcome.failure().startsWith("cell 6: line 1: incompatible types"), outcome.failure());
    JsonObject error =
        JsonParser.parseString(Files.readString(target)).getAsJsonObject().getAsJsonArray("cells").get(6)
            .getAsJsonObject().getAsJsonArray("outputs").get(0).getAsJsonObject();
    assertEquals("error", error.get("output_type").getAsString());
  }

  @Test
  void cudaCellsCompiledAheadStillReportAndFailAtTheirTurn(@TempDir Path dir) throws Exception {
    Runtimes.assume(Runtimes.CXX, Emulator.available(), "%%cuda cells need g++");
    long salt = java.util.concurrent.ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE); // no cached build
    String good = "%%cuda\nextern \"C\" __global__ void bump(float* x, int n) {\n"
        + "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n  if (i < n) x[i] += " + salt + ".0f;\n}\n";
    String broken = "%%cuda\nextern \"C\" __global__ void typo(float* x) {\n  x[threadIdx.x] = undeclared_" + salt + ";\n}\n";
    JsonArray cells = new JsonArray();
    for (String source : List.of("int before = 1;", good, "before + 1", broken, "int never = 3;")) {
      JsonObject cell = new JsonObject();
      cell.addProperty("cell_type", "code");
      cell.addProperty("source", source);
      cell.add("outputs", new JsonArray());
      cells.add(cell);
    }
    JsonObject notebook = new JsonObject();
    notebook.add("cells", cells);
    Path source = Files.writeString(dir.resolve("ahead.ipynb"), notebook.toString());
    List<String> progress = new ArrayList<>();
    NotebookRunner.Outcome outcome = new NotebookRunner().run(source, dir.resolve("ahead.out.ipynb"), progress::add);
    assertEquals(4, outcome.cellsRun(), "the run stops at the broken cell, not before: " + progress);
    assertTrue(outcome.failure().startsWith("cell 4: ") && outcome.failure().contains("cuda-cell-2.cu:3"), outcome.failure());
    var ran = JsonParser.parseString(Files.readString(dir.resolve("ahead.out.ipynb"))).getAsJsonObject().getAsJsonArray("cells");
    String report = ran.get(1).getAsJsonObject().getAsJsonArray("outputs").toString();
    assertTrue(report.contains("emulator: compiled for the CPU"), report);
    assertTrue(report.contains("Cuda.kernel(\\\"bump\\\")"), report);
    assertEquals(0, ran.get(4).getAsJsonObject().getAsJsonArray("outputs").size(), "the cell after the failure never ran");
  }

  static Path copy(String name, Path dir) throws Exception {
    Files.createDirectories(dir);
    Path target = dir.resolve(name);
    try (var in = NotebookRunnerTest.class.getResourceAsStream("/notebook/" + name)) {
      Files.copy(in, target);
    }
    return target;
  }
}
