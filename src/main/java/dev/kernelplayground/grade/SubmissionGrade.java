package dev.kernelplayground.grade;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One submission's grade: each exercise's verdict, the time its run took on the shared machine, and what
 * went wrong with the run as a whole (null when it ran to the end).
 *
 * @param exercises exercise id → solved, from the lesson's own checks
 * @param detail exercise id → why it is not solved ("" when solved)
 * @param problem "timed out after 120 s", "crashed (exit status 3)", or null
 */
public record SubmissionGrade(Path submission, Map<String, Boolean> exercises, Map<String, String> detail, Duration time, String problem) {
  public String name() {
    return submission.getFileName().toString();
  }

  /** The verdict for one exercise in a table cell: pass, fail, or "—" when its check never ran. */
  public String cell(String exercise) {
    Boolean solved = exercises.get(exercise);
    return solved == null ? "—" : solved ? "pass" : "fail";
  }
}
