package dev.kernelplayground.grade;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kernelplayground.lessons.LessonNotebook;
import dev.kernelplayground.process.ChildProcess;
import dev.kernelplayground.process.Futures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Grades learners' notebooks against a lesson's checks. Each submission runs in a JVM of its own (a
 * submission that exits, crashes or loops forever cannot touch the next one) under a time limit, with the
 * lesson's checks in place of the learner's, every cell run even after one fails; the verdicts come back
 * through a results file the run rewrites after every check, so a run that dies half way still reports
 * what it had checked.
 */
public final class Grader {
  private final String lessonMarkdown;
  private final List<String> exercises;
  private final Duration timeLimit;
  private final Path workDir;

  /**
   * @param lesson the lesson's Markdown (lessons/NN-name.md): its checks are the hidden tests
   * @param timeLimit the most one submission may take
   */
  public Grader(Path lesson, Duration timeLimit, Path workDir) throws IOException {
    this.lessonMarkdown = Files.readString(lesson);
    this.exercises = LessonNotebook.checks(lessonMarkdown).stream().map(LessonNotebook.Cell::exercise).toList();
    if (exercises.isEmpty()) {
      throw new IllegalArgumentException(lesson + " has no exercises to grade (no ```java check=ID blocks)");
    }
    this.timeLimit = timeLimit;
    this.workDir = workDir;
  }

  /** The exercises, in lesson order: the table's columns. */
  public List<String> exercises() {
    return exercises;
  }

  /** Grades the submissions one after another; {@code progress} hears about each. */
  public List<SubmissionGrade> grade(List<Path> submissions, Consumer<String> progress) throws IOException {
    return grade(submissions, 1, progress);
  }

  /**
   * Grades the submissions, up to {@code jobs} at once (each still in a JVM of its own under the time
   * limit); the grades come back in the submissions' order, whatever order the runs end in.
   * {@code progress} hears about each as it starts.
   */
  public List<SubmissionGrade> grade(List<Path> submissions, int jobs, Consumer<String> progress) throws IOException {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, not " + jobs);
    }
    int n = submissions.size();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, n)), r -> {
      Thread t = new Thread(r, "kp-grade");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<SubmissionGrade>> running = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Path submission = submissions.get(i);
        int number = i + 1;
        running.add(pool.submit(() -> {
          synchronized (progress) {
            progress.accept("grading " + number + " of " + n + ": " + submission.getFileName());
          }
          return gradeOne(submission, workDir.resolve(String.format("%03d", number)));
        }));
      }
      return Futures.inOrder(running);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("grading was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow(); // on an early end, interrupts the runs still going: ChildProcess kills their JVMs
    }
  }

  private SubmissionGrade gradeOne(Path submission, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path graded = dir.resolve("graded.ipynb");
    Path results = dir.resolve("results.json");
    long start = System.nanoTime();
    try {
      Files.writeString(graded, GradedNotebook.of(Files.readString(submission), lessonMarkdown));
    } catch (RuntimeException e) { // not a notebook at all
      return new SubmissionGrade(submission, Map.of(), Map.of(), Duration.ZERO, "not a notebook: " + e.getMessage());
    }
    String problem = null;
    try {
      ChildProcess.Result run = ChildProcess.of(command(graded, dir.resolve("out.ipynb"), results))
          .mergeStderr()
          .stdoutFile(dir.resolve("log.txt"))
          .timeout(timeLimit)
          .run();
      if (run.timedOut()) {
        problem = "timed out after " + timeLimit.toSeconds() + " s";
      } else if (run.exitCode() != 0 && run.exitCode() != 1) {
        problem = "crashed (exit status " + run.exitCode() + ")";
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problem = "stopped";
    }
    Duration time = Duration.ofNanos(System.nanoTime() - start);
    Map<String, Boolean> solved = new LinkedHashMap<>();
    Map<String, String> detail = new LinkedHashMap<>();
    if (Files.isRegularFile(results)) {
      JsonObject json = JsonParser.parseString(Files.readString(results)).getAsJsonObject();
      JsonObject verdicts = json.getAsJsonObject("exercises");
      for (String id : exercises) {
        if (verdicts.has(id)) {
          JsonObject v = verdicts.getAsJsonObject(id);
          solved.put(id, v.get("solved").getAsBoolean());
          detail.put(id, v.get("detail").getAsString());
        }
      }
    } else if (problem == null) {
      problem = "the run wrote no results (see " + dir.resolve("log.txt") + ")";
    }
    return new SubmissionGrade(submission, solved, detail, time, problem);
  }

  /** The child JVM: this JVM's java and class path, running the notebook headless. */
  private static List<String> command(Path graded, Path out, Path results) {
    String java = ProcessHandle.current().info().command().orElse("java");
    return List.of(
        java, "-Xmx1g", "-Djava.awt.headless=true", "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), "dev.kernelplayground.cli.Main",
        "notebook", "run", graded.toString(), "-o", out.toString(), "--keep-going", "--results", results.toString());
  }
}
