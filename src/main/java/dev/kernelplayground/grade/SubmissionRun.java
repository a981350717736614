package dev.kernelplayground.grade;

import dev.kernelplayground.notebook.CellError;
import dev.kernelplayground.notebook.Cells;
import dev.kernelplayground.notebook.Exercises;
import dev.kernelplayground.notebook.JavaCells;
import dev.kernelplayground.notebook.NotebookSession;
import dev.kernelplayground.process.Sandbox;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One submission being graded, all of it in the grader's JVM but the learner's code: a notebook session of
 * its own whose JShell runs the lesson's checks, a sandboxed JVM for the learner's Java exercise cells
 * (started on first need; the checks call its methods through stand-ins and get back plain values), and the
 * sandbox around every process the emulator starts for the learner's CUDA C (compiler and kernel runs).
 */
final class SubmissionRun implements AutoCloseable {
  /** The longest one kernel launch may run while grading. */
  private static final Duration KERNEL_LIMIT = Duration.ofSeconds(30);

  private final int number;
  private final Sandbox sandbox;
  private final Duration timeLimit;
  private final Path log;
  private final NotebookSession session;
  private final JavaCells checks;
  private final long start = System.nanoTime();
  private LearnerJvm learner;
  private boolean outOfTime;
  private final List<String> loadErrors = new ArrayList<>();

  SubmissionRun(int number, Sandbox sandbox, Duration timeLimit, Path log) {
    this.number = number;
    this.sandbox = sandbox;
    this.timeLimit = timeLimit;
    this.log = log;
    this.session = NotebookSession.openForThisThread(timeLimit.compareTo(KERNEL_LIMIT) < 0 ? timeLimit : KERNEL_LIMIT);
    this.checks = session.java();
  }

  /**
   * Loads an exercise's cells, then runs its check; the verdict is the check's, decided here. A cell that
   * does not compile gives its error as the reason. A CUDA cell must keep the lines of the lesson's starter
   * ({@code starters}) that choose the check's reference and arguments.
   */
  Exercises.Status grade(String exercise, List<String> cells, List<String> starters, String check) throws Exception {
    if (Duration.ofNanos(System.nanoTime() - start).compareTo(timeLimit) > 0) {
      outOfTime = true;
      return new Exercises.Status(exercise, false, "not checked: the submission's time limit had passed");
    }
    String loadError = null;
    for (String cell : cells) {
      String error = Cells.isCuda(cell) ? changedPins(cell, starters) : null;
      error = error != null ? error : load(cell);
      loadError = loadError == null ? error : loadError;
      if (error != null) {
        loadErrors.add(error);
      }
    }
    Exercises.Status status = sandbox.around(() -> session.exercises().check(exercise, checks, check));
    return status.solved() || loadError == null ? status : new Exercises.Status(exercise, false, loadError);
  }

  /**
   * The lesson's {@code // @kp check:} and {@code // @kp args:} lines say which reference a kernel is checked
   * against and how its arguments are made: a learner's CUDA cell that changed them would choose its own
   * test. Returns the first such line the cell lacks, as the reason, or null.
   */
  private static String changedPins(String cell, List<String> starters) {
    List<String> kept = cell.lines().map(String::strip).toList();
    return starters.stream().flatMap(String::lines).map(String::strip)
        .filter(l -> l.startsWith("// @kp check:") || l.startsWith("// @kp args:"))
        .filter(l -> !kept.contains(l)).findFirst()
        .map(l -> "the lesson's line \"" + l + "\" was changed or removed: the grader checks against the lesson's reference")
        .orElse(null);
  }

  /** Runs one exercise cell where it belongs; returns its error, or null. */
  private String load(String cell) throws Exception {
    if (Cells.isCuda(cell)) {
      try {
        sandbox.around(() -> session.compileCuda(cell));
        return null;
      } catch (CellError e) {
        return e.lines().get(0);
      }
    }
    List<LearnerMethods.Method> methods = LearnerMethods.of(checks, cell);
    LearnerJvm jvm = learner();
    String error = jvm.run(cell);
    for (LearnerMethods.Method m : methods) {
      String missing = jvm.run(m.registration());
      error = error == null ? missing : error;
      checks.eval(m.stub(number));
    }
    return error;
  }

  private LearnerJvm learner() throws IOException {
    if (learner == null) {
      learner = LearnerJvm.start(sandbox, timeLimit, log);
      LearnerCalls.open(number, learner);
    }
    return learner;
  }

  /**
   * Why the run went wrong, in a teacher's words, or null: how the learner's JVM ended, else what the
   * learner's cells or the checks' calls of them ran into (memory, network, files, processes).
   */
  String trouble(List<String> details) {
    String learnerTrouble = learner == null ? null : learner.trouble();
    if (learnerTrouble != null) {
      return learnerTrouble;
    }
    if (outOfTime) {
      return "timed out after " + timeLimit.toSeconds() + " s";
    }
    return Stream.concat(loadErrors.stream(), details.stream())
        .map(text -> Trouble.ofText(text, sandbox.limits())).filter(Objects::nonNull).findFirst().orElse(null);
  }

  @Override
  public void close() {
    LearnerCalls.close(number);
    if (learner != null) {
      learner.close();
    }
    session.close();
  }
}
