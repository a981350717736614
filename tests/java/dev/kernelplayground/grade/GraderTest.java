package dev.kernelplayground.grade;

import static dev.kernelplayground.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kernelplayground.emulator.DeviceCode;
import dev.kernelplayground.emulator.Emulator;
import dev.kernelplayground.lessons.LessonNotebook;
import dev.kernelplayground.process.Sandbox;
import dev.kernelplayground.testing.Runtimes;
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
 * A planted class graded in one run, two at once: right, wrong, half right, one that edits its checks to say
 * "true", one that kills its own JVM half way, one that never ends, a file that is not a notebook — and the
 * adversaries: a results-file forger, a reader of the hidden checks, System.exit in the first cell, a
 * background process that edits other submissions' files, one that writes outside its folder, a fork bomb,
 * a 50 GB allocation, a 10 GB file and a socket to an outside address. Each gets the grade its exercise
 * cells deserve and the reason in a teacher's words; none touches another's grade or the grader's files.
 */
class GraderTest {
  private static final String SQUARE = "int square(int x) {\n  return x * x;\n}\n";
  private static final String ADD_HEAD = "float[] add(float[] a, float[] b) {\n";
  private static final String ADD_BODY =
      "  float[] c = new float[a.length];\n  for (int i = 0; i < c.length; i++) c[i] = a[i] + b[i];\n  return c;\n}\n";
  private static final Duration LIMIT = Duration.ofSeconds(45); // generous: this machine is shared, and an honest run must fit

  @Test
  void gradesAPlantedClassIncludingAdversaries(@TempDir Path dir) throws Exception {
    Path lesson = dir.resolve("lesson.md");
    try (var in = GraderTest.class.getResourceAsStream("/grade/lesson.md")) {
      Files.copy(in, lesson);
    }
    Path work = dir.resolve("work");
    Grader grader = new Grader(lesson, LIMIT, work);
    Runtimes.assume(Runtimes.SANDBOX, grader.sandbox().startsWith("bubblewrap"), grader.sandbox());
    assertTrue(Sandbox.Limits.grading(LIMIT).memoryBytes() <= 2L << 30, "the 50 GB case relies on the 2 GB limit");
    String md = Files.readString(lesson);
    String learner = LessonNotebook.fromMarkdown(md, "t", Edition.LEARNER);
    String solutions = LessonNotebook.fromMarkdown(md, "t", Edition.SOLUTIONS);
    String forgery = "{\\\"exercises\\\":{\\\"square\\\":{\\\"solved\\\":true,\\\"detail\\\":\\\"\\\"}}}";

    List<Path> submissions = List.of(
        write(dir, "right.ipynb", solutions),
        write(dir, "wrong.ipynb", learner),
        write(dir, "half.ipynb", replaceExercise(learner, "square", SQUARE)),
        write(dir, "cheat.ipynb", replaceChecks(learner, "%%check square\ntrue")),
        write(dir, "crash.ipynb", replaceExercise(solutions, "add", ADD_HEAD + ADD_BODY + "Runtime.getRuntime().halt(3);\n")),
        write(dir, "endless.ipynb", replaceExercise(solutions, "add", ADD_HEAD + ADD_BODY + "while (true) { }\n")),
        write(dir, "junk.ipynb", "this is not json"),
        write(dir, "forger.ipynb", replaceExercise(learner, "square", "int square(int x) { return 0; }\n"
            + "var myArguments = ProcessHandle.current().info().arguments().orElse(new String[0]);\n"
            + "for (var d : new String[] {\"" + work.resolve("001") + "\", \"" + work.resolve("002") + "\"}) {\n"
            + "  try { java.nio.file.Files.writeString(java.nio.file.Path.of(d, \"results.json\"), \"" + forgery + "\"); }\n"
            + "  catch (Exception e) { System.out.println(e); }\n}\n"
            + "Runtime.getRuntime().halt(0);\n")),
        write(dir, "peeker.ipynb", replaceExercise(solutions, "square", "int square(int x) {\n"
            + "  try { return java.nio.file.Files.readString(java.nio.file.Path.of(\"" + lesson + "\")).contains(\"check=square\") ? x * x : -1; }\n"
            + "  catch (java.io.IOException e) { return -2; }\n}\n")),
        write(dir, "exit-first.ipynb", prependCell(solutions, "System.exit(0);")),
        write(dir, "meddler.ipynb", replaceExercise(solutions, "square", SQUARE
            + "new ProcessBuilder(\"sh\", \"-c\", \"while true; do for f in " + work + "/*/grade.txt; do echo forged > $f; done; "
            + "echo x > " + work.resolve("meddled") + "; sleep 0.2; done\").start();\n")),
        write(dir, "outside.ipynb", replaceExercise(solutions, "square", SQUARE
            + "java.nio.file.Files.writeString(java.nio.file.Path.of(System.getProperty(\"java.home\"), \"kp-was-here\"), \"x\");\n")),
        write(dir, "fork-bomb.ipynb", replaceExercise(solutions, "add", ADD_HEAD + ADD_BODY
            + "new ProcessBuilder(\"bash\", \"-c\", \":(){ :|:& };:\").start();\nThread.sleep(3000);\n")),
        write(dir, "hog.ipynb", replaceExercise(solutions, "add", ADD_HEAD
            + "  java.lang.foreign.Arena.global().allocate(50L << 30);\n" + ADD_BODY)),
        write(dir, "big-file.ipynb", replaceExercise(solutions, "add", ADD_HEAD
            + "  try (var out = new java.io.FileOutputStream(\"/tmp/kp-big\")) {\n"
            + "    byte[] mb = new byte[1 << 20];\n    for (int i = 0; i < 10240; i++) out.write(mb);\n"
            + "  } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }\n" + ADD_BODY)),
        write(dir, "socket.ipynb", replaceExercise(solutions, "add", ADD_HEAD
            + "  try (var s = new java.net.Socket(\"1.1.1.1\", 80)) { } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }\n"
            + ADD_BODY)));

    assertEquals(List.of("square", "add"), grader.exercises());
    List<SubmissionGrade> grades = grader.grade(submissions, 2, p -> {});
    assertEquals(submissions.stream().map(p -> p.getFileName().toString()).toList(),
        grades.stream().map(SubmissionGrade::name).toList(), "the grades come back in the submissions' order");
    assertThrows(IllegalArgumentException.class, () -> grader.grade(submissions, 0, p -> {}));
    Map<String, SubmissionGrade> by = grades.stream().collect(Collectors.toMap(SubmissionGrade::name, g -> g));
    String table = ClassTable.text(grader.exercises(), grades);

    expect(by, table, "right.ipynb", true, true, null);
    expect(by, table, "wrong.ipynb", false, false, null);
    expect(by, table, "half.ipynb", true, false, null);
    expect(by, table, "cheat.ipynb", false, false, null); // the learner's check cells never run
    expect(by, table, "crash.ipynb", true, false, "crashed (exit status 3)");
    expect(by, table, "endless.ipynb", true, false, "timed out after 45 s");
    assertTrue(by.get("junk.ipynb").problem().startsWith("not a notebook"), table);
    expect(by, table, "forger.ipynb", false, false, "ended its own process (exit status 0)");
    expect(by, table, "peeker.ipynb", false, true, null);
    expect(by, table, "exit-first.ipynb", true, true, null); // cells that are not exercises do not run
    expect(by, table, "meddler.ipynb", true, true, null);
    expect(by, table, "outside.ipynb", true, true, "tried to write outside its folder");
    // square is right; add starts the bomb and then answers right, unless the JVM itself meets the limit first (a thread
    // it needs then cannot start): either way the teacher is told the bomb hit the limit
    assertEquals(true, by.get("fork-bomb.ipynb").exercises().get("square"), table);
    assertTrue(by.get("fork-bomb.ipynb").problem().startsWith("hit the process limit (256)"), table);
    expect(by, table, "hog.ipynb", true, false, "out of memory: limit 2 GB");
    expect(by, table, "big-file.ipynb", true, false, "tried to write a file over 256 MB");
    expect(by, table, "socket.ipynb", true, false, "network access refused");

    assertFalse(Files.exists(work.resolve("001/results.json")), "the forger reached no other submission's folder");
    assertFalse(Files.exists(work.resolve("meddled")), "the meddler's process saw nothing of the grader's folders");
    assertFalse(Files.exists(Path.of(System.getProperty("java.home"), "kp-was-here")));
    try (var cgroups = Files.list(Path.of("/sys/fs/cgroup/pids")).filter(p -> p.getFileName().toString().startsWith("kp-sandbox-"))) {
      assertEquals(List.of(), cgroups.toList(), "every sandbox's pids cgroup is removed");
    } catch (java.nio.file.NoSuchFileException noPidsHierarchy) {
      // limits by rlimit instead
    }
    try (var graded = Files.list(work)) {
      for (Path d : graded.filter(d -> Files.exists(d.resolve("grade.txt"))).toList()) {
        assertFalse(Files.readString(d.resolve("grade.txt")).contains("forged"), d + " was edited");
      }
    }
    assertTrue(table.contains("| right.ipynb ") && table.contains("2 / 2"), table);
    String csv = ClassTable.csv(grader.exercises(), grades);
    assertTrue(csv.startsWith("submission,square,add,solved,seconds,run"), csv);
    assertTrue(csv.contains("half.ipynb,pass,fail,1,"), csv);
  }

  @Test
  void aCudaKernelThatCallsSystemIsRefusedWithItsLineAndTheLessonsCheckLineStays(@TempDir Path dir) throws Exception {
    Runtimes.assume(Runtimes.CXX, Emulator.available(), "no C++ compiler for the emulator");
    Runtimes.assume(Runtimes.CLANG_CUDA, DeviceCode.checker().isPresent(), "no clang++ to check device code; apt-get install clang-15");
    Path lesson = Path.of("lessons/02-threads-warps-grid.md");
    String md = Files.readString(lesson);
    String solutions = LessonNotebook.fromMarkdown(md, "02", Edition.SOLUTIONS);
    String learner = LessonNotebook.fromMarkdown(md, "02", Edition.LEARNER);
    Path pwned = dir.resolve("pwned");
    String tail = exerciseSource(solutions, "tail")
        .replace("if (i < n) {", "if (i == 0) system(\"touch " + pwned + "\");\n  if (i < n) {");
    assertNotEquals(exerciseSource(solutions, "tail"), tail, "the planted call is in the kernel");

    String ownReference = exerciseSource(solutions, "tail").replaceFirst("// @kp check: +vector_add n", "// @kp check:   copy n");
    assertNotEquals(exerciseSource(solutions, "tail"), ownReference, "the planted header chooses another reference");

    Grader grader = new Grader(lesson, Duration.ofSeconds(120), dir.resolve("work"));
    List<SubmissionGrade> grades = grader.grade(List.of(
        write(dir, "right.ipynb", solutions), write(dir, "wrong.ipynb", learner),
        write(dir, "system.ipynb", replaceExercise(solutions, "tail", tail)),
        write(dir, "own-reference.ipynb", replaceExercise(solutions, "tail", ownReference))), 2, p -> {});
    Map<String, SubmissionGrade> by = grades.stream().collect(Collectors.toMap(SubmissionGrade::name, g -> g));
    String table = ClassTable.text(grader.exercises(), grades);
    assertEquals(Map.of("tail", true, "grid_stride", true, "transpose_2d", true), by.get("right.ipynb").exercises(), table);
    assertEquals(Map.of("tail", false, "grid_stride", false, "transpose_2d", false), by.get("wrong.ipynb").exercises(), table);
    SubmissionGrade system = by.get("system.ipynb");
    assertEquals(Map.of("tail", false, "grid_stride", true, "transpose_2d", true), system.exercises(), table);
    int line = lineOf(tail, "system("); // the cell's own lines: %%cuda is its first
    assertContains(system.detail().get("tail"), "line " + line + ": system() is a host function; a __global__ function cannot call it");
    assertEquals("device code called a host function", system.problem(), table);
    assertFalse(Files.exists(pwned));
    assertEquals(Map.of("tail", false, "grid_stride", true, "transpose_2d", true), by.get("own-reference.ipynb").exercises(), table);
    assertContains(by.get("own-reference.ipynb").detail().get("tail"), "vector_add n\" was changed or removed");
  }

  private static void expect(Map<String, SubmissionGrade> by, String table, String name, boolean square, boolean add, String problem) {
    SubmissionGrade g = by.get(name);
    assertEquals(Map.of("square", square, "add", add), g.exercises(), name + ": " + g.detail() + "\n" + table);
    assertEquals(problem, g.problem(), name + ": " + g.detail() + "\n" + table);
  }

  private static int lineOf(String text, String part) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(part)) {
        return i + 1;
      }
    }
    throw new AssertionError(part + " is not in " + text);
  }

  private static String exerciseSource(String notebook, String exercise) {
    for (var e : cells(JsonParser.parseString(notebook).getAsJsonObject())) {
      JsonObject kp = e.getAsJsonObject().getAsJsonObject("metadata").getAsJsonObject("kp");
      if (kp != null && exercise.equals(kp.get("exercise").getAsString()) && "exercise".equals(kp.get("role").getAsString())) {
        return dev.kernelplayground.notebook.NotebookRunner.source(e.getAsJsonObject());
      }
    }
    throw new AssertionError("no exercise " + exercise);
  }

  private static String prependCell(String notebook, String code) {
    JsonObject nb = JsonParser.parseString(notebook).getAsJsonObject();
    JsonArray out = new JsonArray();
    JsonObject cell = new JsonObject();
    cell.addProperty("cell_type", "code");
    cell.add("metadata", new JsonObject());
    cell.add("outputs", new JsonArray());
    cell.addProperty("source", code);
    out.add(cell);
    cells(nb).forEach(out::add);
    nb.add("cells", out);
    return nb.toString();
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
}
