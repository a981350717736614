package dev.kernelplayground.process;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {
  /** A shell whose background child writes its pid to the file named by $0, then both sleep. */
  private static final String TREE = "sleep 100 & echo $! > \"$0\"; sleep 100";

  @Test
  void capturesStdoutAndStderrApartAsUtf8() throws Exception {
    ChildProcess.Result r =
        ChildProcess.of("bash", "-c", "printf 'h\\303\\251llo \\342\\234\\223\\n'; printf 'f\\303\\274r stderr' >&2")
            .timeout(Duration.ofSeconds(20))
            .run();
    assertEquals("héllo ✓\n", r.stdout());
    assertEquals("für stderr", r.stderr());
    assertEquals(0, r.exitCode());
    assertFalse(r.timedOut());
    assertTrue(r.succeeded());
    assertTrue(r.duration().toNanos() > 0);
  }

  @Test
  void mergesStderrIntoStdoutInOrder() throws Exception {
    ChildProcess.Result r =
        ChildProcess.of("bash", "-c", "echo one; echo two >&2; echo three").mergeStderr().timeout(Duration.ofSeconds(20)).run();
    assertEquals("one\ntwo\nthree\n", r.stdout());
    assertEquals("", r.stderr());
  }

  @Test
  void givesTheExitCode() throws Exception {
    ChildProcess.Result r = ChildProcess.of("bash", "-c", "exit 7").timeout(Duration.ofSeconds(20)).run();
    assertEquals(7, r.exitCode());
    assertFalse(r.succeeded());
    assertFalse(r.timedOut());
  }

  @Test
  void feedsStdinAndOtherwiseGivesAnEmptyOne() throws Exception {
    String text = "α β γ\n" + "x".repeat(200_000) + "\n"; // more than a pipe holds
    assertEquals(text, ChildProcess.of("cat").stdin(text).timeout(Duration.ofSeconds(20)).run().stdout());
    ChildProcess.Result empty = ChildProcess.of("cat").timeout(Duration.ofSeconds(20)).run();
    assertEquals("", empty.stdout());
    assertFalse(empty.timedOut(), "cat saw the end of an empty stdin");
  }

  @Test
  void runsInTheFolderWithTheExtraEnvironment(@TempDir Path dir) throws Exception {
    ChildProcess.Result r = ChildProcess.of("bash", "-c", "pwd; echo \"$KP_CHILD_TEST\"; echo \"${PATH:+path kept}\"")
        .directory(dir)
        .env("KP_CHILD_TEST", "ünïcode")
        .timeout(Duration.ofSeconds(20))
        .run();
    assertEquals(dir.toRealPath() + "\nünïcode\npath kept\n", r.stdout());
  }

  @Test
  void keepsStdoutInAFileWhenAsked(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("log.txt");
    ChildProcess.Result r =
        ChildProcess.of("bash", "-c", "echo out; echo err >&2").mergeStderr().stdoutFile(log).timeout(Duration.ofSeconds(20)).run();
    assertEquals("out\nerr\n", Files.readString(log));
    assertEquals("out\nerr\n", r.stdout());
  }

  @Test
  void aMissingCommandIsAnIOException() {
    assertThrows(IOException.class, () -> ChildProcess.of("kp-no-such-command-here").timeout(Duration.ofSeconds(5)).run());
  }

  @Test
  void aTimeoutKillsTheChildAndItsGrandchild(@TempDir Path dir) throws Exception {
    Path pidFile = dir.resolve("grandchild.pid");
    AtomicReference<Process> started = new AtomicReference<>();
    long begin = System.nanoTime();
    ChildProcess.Result r = ChildProcess.of("bash", "-c", TREE, pidFile.toString())
        .onStart(started::set)
        .timeout(Duration.ofMillis(1500))
        .run();
    assertTrue(r.timedOut());
    assertFalse(r.succeeded());
    assertTrue(System.nanoTime() - begin < TimeUnit.SECONDS.toNanos(15), "did not wait for sleep 100");
    assertFalse(started.get().isAlive(), "the child was killed");
    assertGone(grandchild(pidFile));
  }

  @Test
  void anInterruptedWaiterKillsTheTreeAndThrows(@TempDir Path dir) throws Exception {
    Path pidFile = dir.resolve("grandchild.pid");
    AtomicReference<Process> started = new AtomicReference<>();
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        ChildProcess.of("bash", "-c", TREE, pidFile.toString()).onStart(started::set).run(); // no time limit
        outcome.complete(null);
      } catch (Throwable t) {
        outcome.complete(t);
      }
    });
    thread.start();
    long pid = grandchild(pidFile);
    thread.interrupt();
    Throwable thrown = outcome.get(20, TimeUnit.SECONDS);
    assertInstanceOf(InterruptedException.class, thrown);
    assertFalse(started.get().isAlive(), "the child was killed");
    assertGone(pid);
  }

  @Test
  void killTreeStopsARunningChildFromAnotherThread(@TempDir Path dir) throws Exception {
    Path pidFile = dir.resolve("grandchild.pid");
    AtomicReference<Process> started = new AtomicReference<>();
    CompletableFuture<ChildProcess.Result> result = CompletableFuture.supplyAsync(() -> {
      try {
        return ChildProcess.of("bash", "-c", TREE, pidFile.toString()).onStart(started::set).timeout(Duration.ofSeconds(60)).run();
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    long pid = grandchild(pidFile);
    ChildProcess.killTree(started.get());
    ChildProcess.Result r = result.get(20, TimeUnit.SECONDS);
    assertFalse(r.timedOut(), "stopped, not timed out");
    assertEquals(137, r.exitCode(), "killed by SIGKILL");
    assertGone(pid);
  }

  @Test
  void runsAnInteractiveChildOnThisTerminal() throws Exception {
    assertEquals(3, ChildProcess.of("bash", "-c", "exit 3").timeout(Duration.ofSeconds(20)).runInteractive());
  }

  /** The grandchild's pid, once the child has written it. */
  private static long grandchild(Path pidFile) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (Files.exists(pidFile)) {
        String text = Files.readString(pidFile, StandardCharsets.UTF_8).strip();
        if (!text.isEmpty()) {
          return Long.parseLong(text);
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the child never wrote " + pidFile);
  }

  private static void assertGone(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    while (handle.isPresent() && handle.get().isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      handle = ProcessHandle.of(pid);
    }
    assertTrue(handle.isEmpty() || !handle.get().isAlive(), "grandchild " + pid + " survived: "
        + handle.flatMap(h -> h.info().commandLine()).orElse("?"));
  }

  @Test
  void streamHandsOutputOverWhileTheChildStillRuns(@TempDir Path dir) throws Exception {
    // The child waits for a file the listener creates only once it has seen the first line: without streaming
    // it would wait until its time limit.
    Path go = dir.resolve("go");
    StringBuilder out = new StringBuilder();
    java.util.List<String> errLines = new java.util.ArrayList<>();
    ChildProcess.Result r = ChildProcess.of("sh", "-c",
            "echo one; while [ ! -f '" + go + "' ]; do sleep 0.05; done; echo two >&2; printf three")
        .timeout(Duration.ofSeconds(30))
        .stream(piece -> {
          synchronized (out) {
            out.append(piece);
            if (out.toString().contains("one\n")) {
              try {
                Files.writeString(go, "");
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            }
          }
        }, errLines::add);
    assertFalse(r.timedOut());
    assertEquals(0, r.exitCode());
    assertEquals("one\nthree", out.toString());
    assertEquals(java.util.List.of("two"), errLines);
  }
}
