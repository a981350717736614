package dev.kernelplayground.notebook;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kernelplayground.process.ChildProcess;
import dev.kernelplayground.process.SignalChaining;
import dev.kernelplayground.testing.Runtimes;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel driven by Jupyter itself: Debian's jupyter_client and nbclient start it from an installed
 * kernelspec, run cells, interrupt a runaway loop, send a message with a bad signature, and execute whole
 * notebooks with {@code jupyter execute}; a Java kernel that never ends on OpenCL, interrupted, ends its cell with
 * words while the kernel serves on.
 */
@Tag("jupyter")
class JupyterKernelTest {
  private static final String PYTHON = "/usr/bin/python3";

  @TempDir static Path jupyterData;

  @BeforeAll
  static void installKernelSpec() throws Exception {
    Runtimes.assume(
        Runtimes.JUPYTER,
        new File(PYTHON).canExecute() && run(List.of(PYTHON, "-c", "import jupyter_client, nbclient"), Map.of()).exit() == 0,
        "Jupyter's client is not installed (Debian: apt-get install jupyter-client python3-nbclient python3-ipykernel)");
    String java = ProcessHandle.current().info().command().orElseThrow();
    JupyterKernelSpec.install(
        jupyterData.resolve("kernels"),
        List.of(java, "--enable-native-access=ALL-UNNAMED", SnippetClassFiles.JAVA_OPTION, "-Djava.awt.headless=true",
            "-cp", System.getProperty("java.class.path"), "dev.kernelplayground.cli.Main"));
  }

  @Test
  void answersInterruptsAndSurvivesABadSignature() throws Exception {
    Path probe = NotebookRunnerTest.copy("kernel_probe.py", jupyterData.resolve("probe"));
    Result r = run(List.of(PYTHON, probe.toString(), JupyterKernelSpec.NAME), env());
    assertEquals(0, r.exit(), r.output());
    String json = r.output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow(() -> new AssertionError(r.output()));
    JsonObject found = JsonParser.parseString(json).getAsJsonObject();
    System.out.println("kernel probe: " + found);
    assertEquals("ok", found.get("first_cell").getAsString());
    assertEquals("[\"42\"]", found.get("first_value").toString());
    assertTrue(found.get("exception_text").getAsString().contains("ArrayIndexOutOfBoundsException"), json);
    assertTrue(found.get("compile_error_text").getAsString().contains("line 3: incompatible types"), json);
    assertTrue(found.get("interrupt_seconds").getAsDouble() < 30, json);
    assertEquals("error", found.get("interrupt_status").getAsString(), "an interrupted cell is not reported as done");
    assertEquals("[\"43\"]", found.get("after_interrupt").toString(), "the kernel lives on after an interrupt");
    assertEquals("ok", found.get("sweep_status").getAsString(), json);
    assertEquals("[\"display_data\",\"update_display_data\",\"update_display_data\",\"update_display_data\",\"execute_result\"]",
        found.get("sweep_messages").toString(), "one progress line, updated three times, then the table");
    assertTrue(found.get("sweep_last_update").toString().contains("3 of 3 done"), json);
    assertEquals("ok", found.get("cuda_cell").getAsString(), json);
    assertEquals("error", found.get("cuda_interrupt_status").getAsString(), json);
    assertTrue(found.get("cuda_interrupt_seconds").getAsDouble() < 25, "stopped well before the emulator's 30 s timeout: " + json);
    assertTrue(found.get("cuda_interrupt_text").getAsString().contains("stopped on request"), json);
    assertEquals("[\"42\"]", found.get("after_bad_hmac").toString(),
        "the badly signed 'answer = -1' was dropped and the kernel still answers");
    assertEquals("[\"true\"]", found.get("chained").toString(), "the kernelspec starts the JVM with libjsig: " + json);
    Runtimes.assume(Runtimes.OPENCL, found.get("opencl").toString().equals("[\"true\"]"),
        "no OpenCL device for Java kernels (Debian: apt-get install pocl-opencl-icd)");
    assertEquals("error", found.get("opencl_interrupt_status").getAsString(), json);
    assertTrue(found.get("opencl_interrupt_seconds").getAsDouble() < 25, json);
    String stopped = found.get("opencl_interrupt_text").getAsString();
    assertTrue(stopped.contains("stopped on request while kernel Spin on opencl") && stopped.contains("Restart"), json);
    assertEquals("[\"2\"]", found.get("after_opencl_interrupt").toString(), "the kernel serves on after it: " + json);
    assertTrue(found.get("opencl_again_text").getAsString().contains("OpenCL is still running kernel Spin"),
        "a later OpenCL launch is refused at once, not queued behind the endless one: " + json);
  }

  @Test
  void jupyterExecuteRunsANotebookAndFailsOnAFailingCell() throws Exception {
    Path good = NotebookRunnerTest.copy("small.ipynb", jupyterData.resolve("nb"));
    Result ok = run(List.of(PYTHON, "-m", "nbclient.cli", "--kernel_name=" + JupyterKernelSpec.NAME, good.toString()), env());
    if (ok.output().contains("No module named nbclient.cli")) {
      ok = run(List.of("jupyter", "execute", "--kernel_name=" + JupyterKernelSpec.NAME, good.toString()), env());
    }
    assertEquals(0, ok.exit(), ok.output());
    Path bad = NotebookRunnerTest.copy("failing.ipynb", jupyterData.resolve("nb"));
    Result failed = run(List.of("jupyter", "execute", "--kernel_name=" + JupyterKernelSpec.NAME, bad.toString()), env());
    assertNotEquals(0, failed.exit(), failed.output());
    assertTrue(failed.output().contains("incompatible types"), failed.output());
  }

  @Test
  void lessonOneRunsUnderJupyterExecute() throws Exception {
    // in place, as a learner opens it: the kernel starts in notebooks/ (jupyter execute does not save)
    Path lesson = Path.of("notebooks", "01-meet-ada.ipynb").toAbsolutePath();
    long start = System.nanoTime();
    Result r = run(List.of("jupyter", "execute", "--kernel_name=" + JupyterKernelSpec.NAME, lesson.toString()), env());
    System.out.printf("jupyter execute %s: %.1f s%n", lesson.getFileName(), (System.nanoTime() - start) / 1e9);
    assertEquals(0, r.exit(), r.output());
  }

  private static Map<String, String> env() {
    return Map.of("JUPYTER_DATA_DIR", jupyterData.toString(), "JUPYTER_PLATFORM_DIRS", "1");
  }

  record Result(int exit, String output) {}

  static Result run(List<String> command, Map<String, String> env) throws Exception {
    ChildProcess.Result r;
    try {
      // as a learner's shell starts Jupyter: without the test JVM's LD_PRELOAD, which the kernelspec must give
      r = ChildProcess.of(command).env(SignalChaining.PRELOAD, "").env(env).mergeStderr().timeout(Duration.ofMinutes(5)).run();
    } catch (java.io.IOException e) {
      return new Result(127, e.getMessage());
    }
    if (r.timedOut()) {
      return new Result(124, r.stdout() + "\n(timed out)");
    }
    return new Result(r.exitCode(), r.stdout());
  }
}
