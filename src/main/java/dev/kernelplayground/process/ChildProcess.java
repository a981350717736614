package dev.kernelplayground.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one way the playground starts another program: a command, with optional working folder, extra
 * environment variables, stdin text and time limit, whose output comes back as UTF-8 text.
 *
 * <p>Output goes to files, not pipes, so a chatty child never blocks on a full pipe and a grandchild that
 * keeps the output open cannot make the caller wait. When the time limit passes, or the waiting thread is
 * interrupted, the whole process tree is killed: the child and every process it started.
 *
 * <pre>{@code
 * ChildProcess.Result r = ChildProcess.of("nvcc", "--version").mergeStderr().timeout(Duration.ofSeconds(20)).run();
 * }</pre>
 */
public final class ChildProcess {
  /** How long a killed tree is given to disappear before the caller goes on. */
  private static final Duration KILL_GRACE = Duration.ofSeconds(10);

  private final List<String> command;
  private Path directory;
  private final Map<String, String> environment = new LinkedHashMap<>();
  private Duration timeout;
  private String stdin;
  private boolean mergeStderr;
  private Path stdoutFile;
  private Consumer<Process> onStart = p -> {};
  private Sandbox sandbox;
  private final List<Path> readable = new ArrayList<>();
  private final List<Path> writable = new ArrayList<>();

  private ChildProcess(List<String> command) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("a child process needs a command");
    }
    this.command = List.copyOf(command);
  }

  public static ChildProcess of(List<String> command) {
    return new ChildProcess(command);
  }

  public static ChildProcess of(String... command) {
    return new ChildProcess(List.of(command));
  }

  /**
   * A JVM of this JDK ({@code java.home}) with these arguments, started as every JVM of the playground must be
   * ({@link #asJvm()}).
   */
  public static ChildProcess ofJava(List<String> arguments) {
    List<String> command = new ArrayList<>(List.of(javaBinary()));
    command.addAll(arguments);
    return new ChildProcess(command).asJvm();
  }

  /** This JDK's {@code java} launcher, for a command line that starts a JVM (through {@link #asJvm()}). */
  public static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * What a child that is (or execs) a JVM of this JDK needs: the JDK's signal chaining ({@link SignalChaining}),
   * and the JDK readable inside a sandbox.
   */
  public ChildProcess asJvm() {
    return env(SignalChaining.environment()).readable(Path.of(System.getProperty("java.home")));
  }

  /** The folder the child starts in (default: this process's). */
  public ChildProcess directory(Path folder) {
    this.directory = folder;
    return this;
  }

  /** Sets one environment variable for the child, on top of this process's environment. */
  public ChildProcess env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Sets these environment variables for the child, on top of this process's environment. */
  public ChildProcess env(Map<String, String> variables) {
    environment.putAll(variables);
    return this;
  }

  /** The most the child may run; then its tree is killed and {@link Result#timedOut()} is true. */
  public ChildProcess timeout(Duration limit) {
    this.timeout = limit;
    return this;
  }

  /** Text the child reads on stdin (UTF-8); without it the child's stdin is empty. */
  public ChildProcess stdin(String text) {
    this.stdin = text;
    return this;
  }

  /** Stderr goes into stdout, interleaved as the child wrote it; {@link Result#stderr()} is then empty. */
  public ChildProcess mergeStderr() {
    this.mergeStderr = true;
    return this;
  }

  /** Stdout is written to this file, which stays after the run (a log); {@link Result#stdout()} reads it. */
  public ChildProcess stdoutFile(Path file) {
    this.stdoutFile = file;
    return this;
  }

  /**
   * Runs the child inside this sandbox. Without this call, a child started while {@link Sandbox#around} runs
   * on this thread gets that sandbox; otherwise it runs as this process does.
   */
  public ChildProcess sandbox(Sandbox cage) {
    this.sandbox = cage;
    return this;
  }

  /** Files or folders the child reads, when it runs in a sandbox (which shows it nothing else but the system). */
  public ChildProcess readable(Path... paths) {
    readable.addAll(List.of(paths));
    return this;
  }

  /** Files or folders the child writes, when it runs in a sandbox. */
  public ChildProcess writable(Path... paths) {
    writable.addAll(List.of(paths));
    return this;
  }

  /**
   * Called with the live process right after it started, on the starting thread: for callers that must be
   * able to stop it from elsewhere (see {@link #killTree(Process)}).
   */
  public ChildProcess onStart(Consumer<Process> listener) {
    this.onStart = listener;
    return this;
  }

  /**
   * What a finished child left: its exit code (meaningless when it timed out), its output and how long it ran.
   *
   * @param exitCode the exit status; a killed child reports the signal's (137 for SIGKILL)
   * @param stdout everything written to stdout (and stderr, when merged), decoded as UTF-8
   * @param stderr everything written to stderr, empty when merged into stdout
   * @param timedOut true when the time limit passed and the tree was killed
   * @param duration from start to exit
   */
  public record Result(int exitCode, String stdout, String stderr, boolean timedOut, Duration duration) {
    /** Exited by itself with status 0. */
    public boolean succeeded() {
      return !timedOut && exitCode == 0;
    }
  }

  /**
   * Runs the child to its end, or until the time limit.
   *
   * @throws IOException when the command cannot be started (e.g. it is not installed)
   * @throws InterruptedException when the waiting thread was interrupted; the tree is killed first
   */
  public Result run() throws IOException, InterruptedException {
    List<Path> temporary = new ArrayList<>();
    try {
      ProcessBuilder builder = builder();
      Path out = stdoutFile != null ? stdoutFile : temporaryFile(temporary, ".out");
      builder.redirectOutput(out.toFile());
      Path err = null;
      if (mergeStderr) {
        builder.redirectErrorStream(true);
      } else {
        err = temporaryFile(temporary, ".err");
        builder.redirectError(err.toFile());
      }
      long start = System.nanoTime();
      Process process = start(builder, temporary);
      started(process);
      boolean timedOut;
      try {
        timedOut = !waitOrKill(process);
      } finally {
        release(process);
      }
      Duration duration = Duration.ofNanos(System.nanoTime() - start);
      return new Result(exitCode(process), read(out), err == null ? "" : read(err), timedOut, duration);
    } finally {
      for (Path file : temporary) {
        Files.deleteIfExists(file);
      }
    }
  }

  /** Starts the child with this command's stdin (a temporary file), or an empty one: a child that reads it sees the end at once. */
  private Process start(ProcessBuilder builder, List<Path> temporary) throws IOException {
    if (stdin != null) {
      Path in = temporaryFile(temporary, ".in");
      Files.writeString(in, stdin, StandardCharsets.UTF_8);
      builder.redirectInput(in.toFile());
    }
    Process process = builder.start();
    if (stdin == null) {
      process.getOutputStream().close();
    }
    return process;
  }

  /**
   * Runs the child to its end, or until the time limit, handing its output over as it comes: {@code stdout}
   * gets each piece of stdout as soon as the child has written it (not necessarily whole lines), {@code
   * stderrLines} each line of stderr (without its newline). The returned result holds no output. Readers drain
   * both pipes all the time, so a chatty child never blocks.
   *
   * @throws InterruptedException when the waiting thread was interrupted; the tree is killed first
   */
  public Result stream(Consumer<String> stdout, Consumer<String> stderrLines) throws IOException, InterruptedException {
    ProcessBuilder builder = builder();
    if (mergeStderr) {
      builder.redirectErrorStream(true);
    }
    List<Path> temporary = new ArrayList<>();
    try {
      long start = System.nanoTime();
      Process process = start(builder, temporary);
      started(process);
      Thread out = Thread.ofVirtual().start(() -> pump(process.getInputStream(), stdout));
      Thread err = Thread.ofVirtual().start(() -> {
        try (java.io.BufferedReader lines = new java.io.BufferedReader(
            new java.io.InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
          for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            stderrLines.accept(line);
          }
        } catch (IOException closed) {
          // the child is gone
        }
      });
      boolean timedOut = !waitOrKill(process);
      out.join(KILL_GRACE.toMillis());
      err.join(KILL_GRACE.toMillis());
      return new Result(exitCode(process), "", "", timedOut, Duration.ofNanos(System.nanoTime() - start));
    } finally {
      for (Path file : temporary) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static void pump(java.io.InputStream in, Consumer<String> sink) {
    try (java.io.InputStreamReader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
      char[] buffer = new char[8192];
      for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
        if (n > 0) {
          sink.accept(new String(buffer, 0, n));
        }
      }
    } catch (IOException closed) {
      // the child is gone
    }
  }

  /**
   * Runs the child on this terminal (stdin, stdout and stderr shared, nothing captured), e.g. a Jupyter
   * server the user stops with Ctrl-C; returns its exit status. A time limit, when set, still applies.
   *
   * @throws InterruptedException when the waiting thread was interrupted; the tree is killed first
   */
  public int runInteractive() throws IOException, InterruptedException {
    Process process = builder().inheritIO().start();
    started(process);
    try {
      waitOrKill(process);
    } finally {
      release(process);
    }
    return exitCode(process);
  }

  /**
   * Kills {@code process} and every process it started (children first seen, then the process, then any
   * children those started meanwhile), without waiting.
   */
  public static void killTree(Process process) {
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroyForcibly();
    for (ProcessHandle p : tree) {
      p.destroyForcibly();
    }
    for (ProcessHandle p : tree) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
    }
  }

  /** Tells the listener; a listener that fails leaves no child behind. */
  private void started(Process process) {
    try {
      onStart.accept(process);
    } catch (RuntimeException | Error e) {
      killTree(process);
      throw e;
    }
  }

  /** The sandbox this child runs in, or null. */
  private Sandbox cage() {
    return sandbox != null ? sandbox : Sandbox.current();
  }

  private ProcessBuilder builder() {
    Sandbox cage = cage();
    ProcessBuilder builder =
        new ProcessBuilder(cage == null ? command : cage.wrap(command, readable, writable, directory, environment));
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    builder.environment().putAll(environment);
    return builder;
  }

  /**
   * Starts the child for a conversation: what the caller writes to {@link Conversation#toChild()} is its
   * stdin, its stdout comes back on {@link Conversation#fromChild()}, its stderr goes to the stdout file
   * (or is dropped). The time limit still applies: then the tree is killed, and the caller's reads end.
   */
  public Conversation converse() throws IOException {
    ProcessBuilder builder = builder();
    builder.redirectError(stdoutFile != null ? ProcessBuilder.Redirect.appendTo(stdoutFile.toFile()) : ProcessBuilder.Redirect.DISCARD);
    long start = System.nanoTime();
    Process process = builder.start();
    started(process);
    return new Conversation(process, timeout, start, cage());
  }

  /** After a sandboxed child ended: its cgroup removed; whether it ran into the process limit. */
  private boolean release(Process process) {
    Sandbox cage = cage();
    return cage != null && cage.endedAtProcessLimit(process.pid());
  }

  /** A child started by {@link #converse()}: its pipes, and the end of it. */
  public static final class Conversation implements AutoCloseable {
    private final Process process;
    private final long start;
    private final Sandbox cage;
    private volatile boolean timedOut;
    private Boolean atProcessLimit;

    private Conversation(Process process, Duration timeout, long start, Sandbox cage) {
      this.process = process;
      this.start = start;
      this.cage = cage;
      if (timeout != null) {
        Thread.ofPlatform().daemon().name("kp-child-watch").start(() -> {
          try {
            if (!process.waitFor(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS)) {
              timedOut = true;
              killAndReap(process);
            }
          } catch (InterruptedException e) {
            killTree(process);
          }
        });
      }
    }

    public java.io.OutputStream toChild() {
      return process.getOutputStream();
    }

    public java.io.InputStream fromChild() {
      return process.getInputStream();
    }

    /** Whether the time limit passed and the tree was killed. */
    public boolean timedOut() {
      return timedOut;
    }

    /** Whether the child has ended (by itself, or killed). */
    public boolean ended() {
      return !process.isAlive();
    }

    /** Kills the tree (if it still runs). */
    @Override
    public synchronized void close() {
      killAndReap(process);
      if (atProcessLimit == null) {
        atProcessLimit = cage != null && cage.endedAtProcessLimit(process.pid());
      }
    }

    /** Whether, in its sandbox, a fork failed at the process limit (known where a pids cgroup counts it). */
    public synchronized boolean hitProcessLimit() {
      close();
      return atProcessLimit;
    }

    /** How the child ended: kills the tree first if it still runs. */
    public Result end() {
      close();
      return new Result(exitCode(process), "", "", timedOut, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /** Waits for the end; false when the time limit passed. Either way the process has ended on return. */
  private boolean waitOrKill(Process process) throws InterruptedException {
    try {
      if (timeout == null) {
        process.waitFor();
        return true;
      }
      if (process.waitFor(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS)) {
        return true;
      }
    } catch (InterruptedException interrupt) {
      killAndReap(process);
      Thread.interrupted(); // the exception says it; a second interrupt during the kill adds nothing
      throw interrupt;
    }
    killAndReap(process);
    return false;
  }

  private static void killAndReap(Process process) {
    killTree(process);
    boolean interrupted = Thread.interrupted();
    try {
      process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException again) {
      interrupted = true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The exit status; -1 for a process that outlived even SIGKILL's grace period. */
  private static int exitCode(Process process) {
    return process.isAlive() ? -1 : process.exitValue();
  }

  private static Path temporaryFile(List<Path> temporary, String suffix) throws IOException {
    Path file = Files.createTempFile("kp-child-", suffix);
    temporary.add(file);
    return file;
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return String.join(" ", command);
  }
}
