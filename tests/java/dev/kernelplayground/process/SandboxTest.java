package dev.kernelplayground.process;

import static dev.kernelplayground.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.testing.Runtimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox's walls and limits, each tried with harmless sizes (a 64 MB memory limit, 16 processes, a 1 MB
 * file limit): the grader's tests then rely on them for the 50 GB, fork-bomb and 10 GB cases.
 */
class SandboxTest {
  private static final Sandbox.Limits SMALL = new Sandbox.Limits(64L << 20, 10, 16, 1L << 20);
  private Sandbox sandbox;

  @BeforeEach
  void bubblewrap() {
    Sandbox best = Sandbox.best(SMALL);
    Runtimes.assume(Runtimes.SANDBOX, best.kind() == Sandbox.Kind.BUBBLEWRAP,
        "bubblewrap does not work here (" + best.describe() + "); apt-get install bubblewrap");
    sandbox = best;
  }

  private ChildProcess.Result bash(String script, Path... writable) throws Exception {
    return ChildProcess.of("bash", "-c", script).sandbox(sandbox).writable(writable).mergeStderr()
        .timeout(Duration.ofSeconds(30)).run();
  }

  @Test
  void memoryBeyondTheLimitIsRefused() throws Exception {
    ChildProcess.Result small = bash("x=$(head -c 1000000 /dev/zero | tr '\\0' a); echo ${#x}");
    assertEquals("1000000", small.stdout().strip(), "a megabyte fits: " + small.stdout());
    ChildProcess.Result big = bash("x=$(head -c 200000000 /dev/zero | tr '\\0' a); echo ${#x}");
    assertFalse(big.stdout().strip().equals("200000000"), "200 MB under a 64 MB limit: " + big.stdout());
  }

  @Test
  void processesBeyondTheLimitAreRefused() throws Exception {
    ChildProcess.Result few = bash("for i in $(seq 1 8); do sleep 1 & done; wait; echo done");
    assertEquals("done\n", few.stdout(), "8 processes fit under 16");
    ChildProcess.Result many = bash("for i in $(seq 1 40); do sleep 3 & done; wait; echo done");
    assertContains(many.stdout(), "Resource temporarily unavailable");
  }

  @Test
  void aFileBeyondTheLimitIsCutAndTheNetworkAndOtherFilesAreNotThere(@TempDir Path dir) throws Exception {
    Path hidden = Files.writeString(dir.resolve("teacher.txt"), "the hidden checks");
    Path mine = Files.createDirectories(dir.resolve("mine"));
    ChildProcess.Result r = bash("head -c 3000000 /dev/zero > /tmp/big; ls -l /tmp/big | cut -d' ' -f5; "
        + "cat " + hidden + " || echo cannot read; echo hi > " + mine.resolve("out.txt") + "; echo x > /usr/x; "
        + "exec 3<>/dev/tcp/1.1.1.1/80 || echo no network", mine);
    assertContains(r.stdout(), "1048576", "cannot read", "Read-only file system", "Network is unreachable", "no network");
    assertFalse(r.stdout().contains("the hidden checks"), r.stdout());
    assertEquals("hi\n", Files.readString(mine.resolve("out.txt")), "a folder named writable is written");
  }

  @Test
  void aTimeoutKillsTheWholeTree(@TempDir Path dir) throws Exception {
    Path mark = Files.createDirectories(dir.resolve("mark"));
    ChildProcess.Result r = ChildProcess.of("bash", "-c", "(sleep 3; echo late > " + mark.resolve("late") + ") & sleep 60")
        .sandbox(sandbox).writable(mark).timeout(Duration.ofSeconds(1)).run();
    assertTrue(r.timedOut());
    Thread.sleep(4000);
    assertFalse(Files.exists(mark.resolve("late")), "the background grandchild died with the sandbox");
  }

  @Test
  void aScopedSandboxCoversChildrenStartedOnThreadsOfTheScope() throws Exception {
    String seen = sandbox.around(() -> {
      String[] out = new String[1];
      Thread t = new Thread(() -> {
        try {
          out[0] = ChildProcess.of("bash", "-c", "ls /home /root 2>&1 | head -2; readlink /proc/1/exe").run().stdout();
        } catch (Exception e) {
          out[0] = e.toString();
        }
      });
      t.start();
      t.join();
      return out[0];
    });
    assertContains(seen, "No such file or directory");
    assertTrue(sandbox.describe().startsWith("bubblewrap sandbox: no network"), sandbox.describe());
  }
}
