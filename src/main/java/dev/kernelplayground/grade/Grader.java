package dev.kernelplayground.grade;

import dev.kernelplayground.emulator.Emulator;
import dev.kernelplayground.lessons.LessonNotebook;
import dev.kernelplayground.notebook.Exercises;
import dev.kernelplayground.process.Futures;
import dev.kernelplayground.process.Sandbox;
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
 * Grades learners' notebooks against a lesson's checks, with the verdicts out of the learners' reach. This
 * JVM holds the lesson's checks (and the inputs they draw) and decides every verdict; the learner's code
 * runs only in sandboxed children — its Java exercise cells in a JVM of its own per submission, whose
 * methods the checks call with their inputs and which hands back only values; its CUDA C compiled and run
 * by the emulator — and only the exercise cells run ({@link ExerciseCells}). A submission that exits,
 * crashes, loops, allocates or writes without end, or reaches for the network or other files, is stopped
 * by its sandbox and its time limit, and cannot touch another's grade.
 */
public final class Grader {
  private final Map<String, String> checks = new LinkedHashMap<>();
  /** The lesson's own exercise cells (the starters): what a learner's cell must keep of them. */
  private final Map<String, List<String>> starters;
  private final List<String> exercises;
  private final Duration timeLimit;
  private final Path workDir;
  private final Sandbox sandbox;

  /**
   * @param lesson the lesson's Markdown (lessons/NN-name.md): its checks are the hidden tests
   * @param timeLimit the most one submission may take
   */
  public Grader(Path lesson, Duration timeLimit, Path workDir) throws IOException {
    this(lesson, timeLimit, workDir, Sandbox.best(Sandbox.Limits.grading(timeLimit)));
  }

  /** The same, with a chosen sandbox. */
  public Grader(Path lesson, Duration timeLimit, Path workDir, Sandbox sandbox) throws IOException {
    String markdown = Files.readString(lesson);
    this.starters = ExerciseCells.of(LessonNotebook.fromMarkdown(markdown, "lesson", LessonNotebook.Edition.LEARNER));
    for (LessonNotebook.Cell c : LessonNotebook.checks(markdown)) {
      String text = c.text().strip();
      checks.put(c.exercise(), text.startsWith("%%check") ? text.substring(text.indexOf('\n') + 1) : text);
    }
    this.exercises = List.copyOf(checks.keySet());
    if (exercises.isEmpty()) {
      throw new IllegalArgumentException(lesson + " has no exercises to grade (no ```java check=ID blocks)");
    }
    this.timeLimit = timeLimit;
    this.workDir = workDir;
    this.sandbox = sandbox;
    Emulator.available(); // finds the C++ compiler and builds the emulator's runtime outside any sandbox
  }

  /** The exercises, in lesson order: the table's columns. */
  public List<String> exercises() {
    return exercises;
  }

  /** The sandbox learner code runs in, in words (what it guards against, and what not). */
  public String sandbox() {
    return sandbox.describe();
  }
  /** Grades the submissions one after another; {@code progress} hears about each. */
  public List<SubmissionGrade> grade(List<Path> submissions, Consumer<String> progress) throws IOException {
    return grade(submissions, 1, progress);
  }

  /**
   * Grades the submissions, up to {@code jobs} at once (each in sandboxed children of its own under the time
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
          return gradeOne(submission, number);
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
      pool.shutdownNow(); // on an early end, interrupts the runs still going: ChildProcess kills their children
    }
  }

  private SubmissionGrade gradeOne(Path submission, int number) throws IOException {
    Path dir = Files.createDirectories(workDir.resolve(String.format("%03d", number)));
    Files.deleteIfExists(dir.resolve("log.txt"));
    long start = System.nanoTime();
    Map<String, List<String>> cells;
    try {
      cells = ExerciseCells.of(Files.readString(submission));
    } catch (RuntimeException e) { // not a notebook at all
      return new SubmissionGrade(submission, Map.of(), Map.of(), Duration.ZERO, "not a notebook: " + e.getMessage());
    }
    Map<String, Boolean> solved = new LinkedHashMap<>();
    Map<String, String> detail = new LinkedHashMap<>();
    String problem;
    try (SubmissionRun run = new SubmissionRun(number, sandbox, timeLimit, dir.resolve("log.txt"))) {
      for (String id : exercises) {
        Exercises.Status status = run.grade(id, cells.getOrDefault(id, List.of()), starters.getOrDefault(id, List.of()), checks.get(id));
        solved.put(id, status.solved());
        detail.put(id, status.detail());
      }
      problem = run.trouble(List.copyOf(detail.values()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problem = "stopped";
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      problem = "the grader failed: " + e;
    }
    Files.writeString(dir.resolve("grade.txt"), submission + "\n" + detail + "\n" + (problem == null ? "ok" : problem) + "\n");
    return new SubmissionGrade(submission, solved, detail, Duration.ofNanos(System.nanoTime() - start), problem);
  }
}
