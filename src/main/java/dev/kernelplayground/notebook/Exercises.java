package dev.kernelplayground.notebook;

import dev.kernelplayground.run.TrialResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exercises a notebook checked, and how each went (one per {@link NotebookSession}). A {@code %%check ID} cell runs its Java; a value of
 * {@code true}, a passing trial or a sweep whose trials all pass means solved. Anything else — false, a
 * failed check, an exception, code that does not compile (a starter the learner has not filled in) — means
 * "not yet solved", with the reason. A check never fails its cell, so a learner's notebook runs to the end
 * and lists what is left.
 */
public final class Exercises {
  /** One exercise's state after its check ran. */
  public record Status(String exercise, boolean solved, String detail) {
    public String line() {
      return (solved ? "✓ exercise " + exercise + ": solved" : "✗ exercise " + exercise + ": not yet solved — " + detail);
    }
  }

  private final Map<String, Status> results = new LinkedHashMap<>();

  /** Runs the check's Java and records the verdict. */
  public Status check(String exercise, JavaCells java, String body) {
    Status status;
    try {
      Object value = java.eval(body);
      status = verdict(exercise, value);
    } catch (CellError e) {
      status = new Status(exercise, false, e.lines().get(0));
    } catch (RuntimeException e) {
      status = new Status(exercise, false, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    synchronized (results) {
      results.put(exercise, status);
    }
    return status;
  }

  private static Status verdict(String exercise, Object value) {
    if (value instanceof Boolean b) {
      return new Status(exercise, b, b ? "" : "the check returned false");
    }
    if (value instanceof TrialResult t) {
      return new Status(exercise, t.passed(), t.passed() ? "" : String.join("; ", t.check().findings()));
    }
    if (value instanceof TrialTable t) {
      return t.allPassed()
          ? new Status(exercise, true, "")
          : new Status(exercise, false, t.results().stream().filter(r -> !r.passed())
              .map(r -> r.kernelCase().problem().describe() + ": " + String.join("; ", r.check().findings()))
              .findFirst().orElse("a trial failed"));
    }
    return new Status(exercise, false,
        "the check's last expression must be a boolean, a trial or a sweep, not " + (value == null ? "nothing" : value));
  }

  /** Every exercise this notebook checked so far, in the order checked. */
  public Map<String, Status> results() {
    synchronized (results) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }
  }
}
