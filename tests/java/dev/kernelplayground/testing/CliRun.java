package dev.kernelplayground.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.kernelplayground.cli.KpCommand;
import dev.kernelplayground.process.ChildProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the kp command line, as {@code kp ARGS...} would, and keeps what it printed: in-process, or in a JVM of
 * its own where the environment matters (e.g. {@code KP_NVCC}, read from it once).
 */
public record CliRun(int exitCode, String out, String err) {
  public static CliRun of(String... args) {
    CommandLine cli = KpCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** {@code kp ARGS...} in a child JVM on this class path, with {@code env} added to this environment. */
  public static CliRun inChildJvm(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
        "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
        "dev.kernelplayground.cli.Main"));
    command.addAll(List.of(args));
    ChildProcess.Result r = ChildProcess.of(command).env(env).timeout(Duration.ofMinutes(2)).run();
    if (r.timedOut()) {
      throw new AssertionError("kp " + String.join(" ", args) + " ran more than 2 minutes:\n" + r.stdout() + r.stderr());
    }
    return new CliRun(r.exitCode(), r.stdout(), r.stderr());
  }

  /** Asserts kp exited with 0 (showing its stderr if not) and printed every one of {@code parts}; returns this run. */
  public CliRun assertSucceeded(String... parts) {
    assertEquals(0, exitCode, err);
    Texts.assertContains(out, parts);
    return this;
  }

  /** Asserts kp failed (a non-zero exit) and said every one of {@code parts} on stderr; returns this run. */
  public CliRun assertFailed(String... parts) {
    assertNotEquals(0, exitCode, out);
    Texts.assertContains(err, parts);
    return this;
  }

  /** Asserts kp refused its arguments (exit 2, a usage error) and said every one of {@code parts} on stderr. */
  public CliRun assertUsageError(String... parts) {
    assertEquals(2, exitCode, err);
    Texts.assertContains(err, parts);
    return this;
  }
}
