package dev.kernelplayground.grade;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the grader's stand-ins for learner methods send their calls: the learner JVM of each submission
 * being graded, by its number. Public only because the stand-ins are JShell snippets.
 */
public final class LearnerCalls {
  private static final Map<Integer, LearnerJvm> OPEN = new ConcurrentHashMap<>();

  private LearnerCalls() {}

  static void open(int submission, LearnerJvm jvm) {
    OPEN.put(submission, jvm);
  }

  static void close(int submission) {
    OPEN.remove(submission);
  }

  /** Calls the learner's method in submission's JVM; what comes back is plain data. */
  public static Object call(int submission, String key, Object[] arguments) {
    LearnerJvm jvm = OPEN.get(submission);
    if (jvm == null) {
      throw new IllegalStateException("submission " + submission + " is not being graded");
    }
    return jvm.call(key, arguments);
  }
}
