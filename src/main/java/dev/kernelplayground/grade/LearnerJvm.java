package dev.kernelplayground.grade;

import dev.kernelplayground.process.ChildProcess;
import dev.kernelplayground.process.Sandbox;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The grader's end of a learner's sandboxed JVM ({@link LearnerHost}): sends it the learner's Java cells,
 * then calls their methods with the check's inputs and gets back plain values. Once the JVM has died or
 * run out of time, every call fails at once with the reason.
 */
final class LearnerJvm implements AutoCloseable {
  static final byte RUN = 'R';
  static final byte CALL = 'C';
  static final byte VALUE = 'V';
  static final byte THREW = 'X';

  private final ChildProcess.Conversation child;
  private final DataOutputStream out;
  private final DataInputStream in;
  private final Duration timeLimit;
  private final Sandbox sandbox;
  private final Path log;
  private String gone;

  private LearnerJvm(ChildProcess.Conversation child, Duration timeLimit, Sandbox sandbox, Path log) {
    this.child = child;
    this.out = new DataOutputStream(new BufferedOutputStream(child.toChild()));
    this.in = new DataInputStream(new BufferedInputStream(child.fromChild()));
    this.timeLimit = timeLimit;
    this.sandbox = sandbox;
    this.log = log;
  }

  /** Starts the learner's JVM in {@code sandbox}, killed after {@code timeLimit}; what it prints goes to {@code log}. */
  static LearnerJvm start(Sandbox sandbox, Duration timeLimit, Path log) throws IOException {
    long heap = Math.min(1L << 30, sandbox.limits().memoryBytes() / 2);
    List<Path> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.isBlank()).map(e -> Path.of(e).toAbsolutePath()).toList();
    List<String> arguments = List.of(
        "-Xmx" + (heap >> 20) + "m", "-Xms32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
        "-Xss4m", "-Djava.awt.headless=true", "-cp", classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)), LearnerHost.class.getName());
    ChildProcess process = ChildProcess.ofJava(arguments).sandbox(sandbox).stdoutFile(log).timeout(timeLimit);
    classPath.forEach(process::readable);
    return new LearnerJvm(process.converse(), timeLimit, sandbox, log);
  }

  /** Runs a learner's cell; returns null, or its error (compile errors with the cell's line numbers). */
  synchronized String run(String cell) {
    try {
      send(RUN, cell, null);
      return in.readByte() == VALUE ? discard() : Wire.readText(in);
    } catch (IOException e) {
      return died();
    }
  }

  private String discard() throws IOException {
    Wire.read(in);
    return null;
  }

  /**
   * Calls a learner method by its key ("square(int)") with these arguments and returns what it returned.
   *
   * @throws LearnerCodeFailed when it threw, or the JVM is gone (the reason says which)
   */
  synchronized Object call(String key, Object[] arguments) {
    try {
      send(CALL, key, arguments);
      if (in.readByte() == VALUE) {
        return Wire.read(in);
      }
      throw new LearnerCodeFailed(key + " threw " + Wire.readText(in));
    } catch (IOException e) {
      throw new LearnerCodeFailed(died());
    }
  }

  private void send(byte request, String text, Object[] arguments) throws IOException {
    if (gone != null) {
      throw new IOException(gone);
    }
    out.writeByte(request);
    Wire.writeText(out, text);
    if (arguments != null) {
      out.writeInt(arguments.length);
      for (Object a : arguments) {
        Wire.write(out, a);
      }
    }
    out.flush();
  }

  /**
   * Why the JVM is gone, once it is: "timed out after 25 s", "killed: CPU time limit", "crashed (exit status
   * 3)"; a limit its log shows it ran into first comes before: "hit the process limit (256); timed out after 25 s".
   */
  private String died() {
    if (gone == null) {
      ChildProcess.Result end = child.end();
      String before = child.hitProcessLimit()
          ? "hit the process limit (" + sandbox.limits().processes() + ")"
          : end.exitCode() == 0 ? null : Trouble.ofText(logTail(), sandbox.limits());
      gone = (before == null ? "" : before + "; ") + Trouble.ofExit(end, timeLimit);
    }
    return "the learner's code stopped: " + gone;
  }

  /** The last 64 KB of what the learner's JVM printed. */
  private String logTail() {
    try (var file = new RandomAccessFile(log.toFile(), "r")) {
      long from = Math.max(0, file.length() - (64 << 10));
      byte[] tail = new byte[(int) (file.length() - from)];
      file.seek(from);
      file.readFully(tail);
      return new String(tail, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Asked once the submission's checks are over: why the JVM stopped, or, when it lived through them, whether
   * something it started ran into the process limit (a fork bomb the sandbox contained; the JVM is ended here to
   * read its cgroup's count); else null.
   */
  synchronized String trouble() {
    if (gone == null && child.hitProcessLimit()) {
      return "hit the process limit (" + sandbox.limits().processes() + ")";
    }
    return gone;
  }

  @Override
  public synchronized void close() {
    child.close();
  }

  /** What the learner's code threw, or why it could not answer; a check that meets it fails. */
  public static final class LearnerCodeFailed extends RuntimeException {
    LearnerCodeFailed(String message) {
      super(message, null, false, false);
    }
  }
}
