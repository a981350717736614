package dev.kernelplayground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kernelplayground.notebook.JupyterKernelSpec;
import dev.kernelplayground.process.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code kp notebook install --java-option}: the options land between java's own and -jar, in order; with
 * {@code --sandbox}, the limits chosen at install reach {@code kp notebook kernel} unchanged; the kernelspec is
 * readable by every user (a system-wide one was its installer's alone, and no learner's server could start the kernel).
 */
class NotebookInstallTest {
  @Test
  void theKernelspecIsReadableByEveryUser(@TempDir Path kernels) throws Exception {
    Path spec = JupyterKernelSpec.install(kernels, List.of("java", "-jar", "kp.jar"));
    assertTrue(Files.getPosixFilePermissions(spec).containsAll(List.of(PosixFilePermission.OWNER_READ,
        PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ)), Files.getPosixFilePermissions(spec).toString());
    assertTrue(Files.getPosixFilePermissions(spec.getParent()).contains(PosixFilePermission.OTHERS_EXECUTE));
  }

  @Test
  void javaOptionsGoBeforeTheJar() {
    List<String> launcher =
        NotebookCommand.launcher(Path.of("/jdk/bin/java"), List.of("-XX:+UseSerialGC", "-Xmx512m"), Path.of("/kp/target/kp.jar"));
    assertEquals(List.of("/jdk/bin/java", "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true",
        "-XX:+UseSerialGC", "-Xmx512m", "-jar", "/kp/target/kp.jar"), launcher);
  }

  @Test
  void theSandboxLimitsChosenAtInstallAreTheKernelsLimits() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    long memoryMb = 256 + random.nextInt(4096);
    long cpu = 60 + random.nextInt(100_000);
    int processes = 64 + random.nextInt(1000);
    long fileMb = 1 + random.nextInt(1024);
    NotebookCommand.Install install = new NotebookCommand.Install();
    new CommandLine(install).parseArgs("--sandbox", "--sandbox-memory-mb=" + memoryMb, "--sandbox-cpu-seconds=" + cpu,
        "--sandbox-processes=" + processes, "--sandbox-file-mb=" + fileMb, "--java-option=-Xmx300m");
    Sandbox.Limits chosen = new Sandbox.Limits(memoryMb << 20, cpu, processes, fileMb << 20);
    assertEquals(chosen, install.sandbox.limits(), "seed " + seed);

    List<String> kernelArgs = new ArrayList<>(install.sandbox.kernelArguments(install.javaOptions));
    kernelArgs.add("/run/kernel-1.json");
    NotebookCommand.Kernel kernel = new NotebookCommand.Kernel();
    new CommandLine(kernel).parseArgs(kernelArgs.toArray(String[]::new));
    assertTrue(kernel.sandbox.sandbox, "seed " + seed);
    assertEquals(chosen, kernel.sandbox.limits(), "seed " + seed);
    assertEquals(List.of("-Xmx300m"), kernel.javaOptions, "the kernel JVM's options, not the launcher's");
    assertEquals(Path.of("/run/kernel-1.json"), kernel.connectionFile);

    JsonObject spec = JsonParser.parseString(JupyterKernelSpec.json(List.of("java", "-jar", "kp.jar"),
        install.sandbox.kernelArguments(install.javaOptions))).getAsJsonObject();
    assertEquals("Java (Kernel Playground, sandboxed)", spec.get("display_name").getAsString());
    List<String> argv = spec.getAsJsonArray("argv").asList().stream().map(e -> e.getAsString()).toList();
    assertEquals(List.of("java", "-jar", "kp.jar", "notebook", "kernel", "--sandbox"), argv.subList(0, 6));
    assertEquals("{connection_file}", argv.get(argv.size() - 1));
  }
}
