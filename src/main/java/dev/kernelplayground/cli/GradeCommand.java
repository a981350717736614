package dev.kernelplayground.cli;

import dev.kernelplayground.grade.ClassTable;
import dev.kernelplayground.grade.SubmissionGrade;
import dev.kernelplayground.grade.Grader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kp grade LESSON.md NOTEBOOK...}: a workshop's class table. */
@Command(
    name = "grade",
    description = {
      "Grade learners' notebooks against a lesson's checks: the checks run here and decide every verdict; only",
      "the learners' exercise cells run, in a sandbox (bubblewrap) with a time limit; prints the class table",
      "(pass/fail per exercise, time on this machine, why a run failed) and can write it as CSV (docs/teaching.md)."
    })
final class GradeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "LESSON", description = "The lesson source, e.g. lessons/02-threads-warps-grid.md.")
  Path lesson;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "NOTEBOOK", description = "The learners' notebooks (.ipynb).")
  List<Path> submissions;

  @Option(names = "--time-limit", defaultValue = "300", description = "Seconds one notebook may run (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--csv", description = "Also write the table as CSV to this file.")
  Path csv;

  @Option(names = {"-j", "--jobs"}, description = "How many notebooks to grade at once, each in its own sandbox (default: the number of cores, here ${DEFAULT-VALUE}).")
  int jobs = Runtime.getRuntime().availableProcessors();

  @Option(names = "--work", defaultValue = "kp-out/grade", description = "Folder for each run's notebook, log and results (default: ${DEFAULT-VALUE}).")
  Path work;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(lesson)) {
      throw new ParameterException(spec.commandLine(), "no lesson at " + lesson);
    }
    for (Path s : submissions) {
      if (!Files.isRegularFile(s)) {
        throw new ParameterException(spec.commandLine(), "no notebook at " + s);
      }
    }
    if (jobs < 1) {
      throw new ParameterException(spec.commandLine(), "--jobs must be at least 1, not " + jobs);
    }
    Grader grader;
    try {
      grader = new Grader(lesson, Duration.ofSeconds(seconds), work);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    System.err.println("kp grade: learner code runs in a " + grader.sandbox());
    List<SubmissionGrade> grades = grader.grade(submissions, jobs, p -> System.err.println("kp grade: " + p));
    PrintWriter out = spec.commandLine().getOut();
    out.println(ClassTable.text(grader.exercises(), grades));
    if (csv != null) {
      Path parent = csv.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(csv, ClassTable.csv(grader.exercises(), grades));
      out.println("CSV: " + csv);
    }
    out.flush();
    return 0;
  }
}
