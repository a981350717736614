package dev.kernelplayground.jcuda;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tests/gpu/verify.sh, run as a person would run it. */
class VerifyScriptTest {
  private static final Path SCRIPT = Path.of("tests", "gpu", "verify.sh");

  @BeforeEach
  void needsBash() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")),
        "bash is not on this machine");
  }

  private record Result(int status, String output) {}

  private static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    ChildProcess.Result r = ChildProcess.of(command).env(env).mergeStderr().timeout(Duration.ofSeconds(120)).run();
    assertFalse(r.timedOut(), "verify.sh did not finish:\n" + r.stdout());
    return new Result(r.exitCode(), r.stdout());
  }

  @Test
  void withoutAGpuItSaysSoAndExitsCleanly() throws Exception {
    Map<String, String> env =
        CudaAvailability.gpuPresent() ? Map.of("KP_PRETEND_NO_GPU", "1") : Map.of();
    Result r = run(env);
    assertEquals(0, r.status(), r.output());
    assertEquals("no NVIDIA GPU on this machine — nothing to verify\n", r.output());
  }

  @Test
  void strictWithoutAGpuStillSaysSoExitsCleanlyAndEndsWithTheCount() throws Exception {
    Map<String, String> env =
        CudaAvailability.gpuPresent() ? Map.of("KP_PRETEND_NO_GPU", "1") : Map.of();
    Result r = run(env, "--strict");
    assertEquals(0, r.status(), r.output());
    assertEquals("no NVIDIA GPU on this machine — nothing to verify\n"
        + "verify: 0 checks ran: no NVIDIA GPU on this machine\n", r.output());
  }

  @Test
  void anUnknownOptionIsRefused() throws Exception {
    Result r = run(Map.of(), "--fast");
    assertEquals(2, r.status(), r.output());
    assertTrue(r.output().contains("unknown option '--fast'"), r.output());
  }

  /**
   * The GPU path's plumbing without a GPU: a stand-in nvidia-smi makes the script believe in one, and a
   * bundle made of this JVM and a jar pointing at the test class path stands in for tests/gpu/bundle.sh.
   * The Java side then finds no driver and the script must fail, saying why.
   */
  @Test
  void whenNvidiaSmiSeesAGpuThatCudaCannotUseTheScriptFailsWithTheReason(@TempDir Path dir) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(CudaAvailability.gpuPresent(), "this machine has a real GPU");
    Path bundle = dir.resolve("bundle");
    Result r = runOnStandInGpu(dir, "--bundle", "--no-tests", "--out", dir.resolve("reports").toString());
    assertEquals(1, r.status(), r.output());
    assertTrue(r.output().contains("verify: Stand-in GPU, 000.00, 1 MiB"), r.output());
    assertTrue(r.output().contains("verify: using the bundle in " + bundle), r.output());
    assertTrue(r.output().contains("GpuReport: a GPU was expected, but CUDA cannot use one here: "
        + CudaAvailability.driver().detail()), r.output());
    assertFalse(Files.exists(dir.resolve("reports")), "no report without a usable GPU");
  }

  /** Strict mode on the stand-in GPU: the tests did not run, and that alone fails it, named. */
  @Test
  void strictFailsNamingTheReasonWhenTheGpuTestsDidNotRun(@TempDir Path dir) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(CudaAvailability.gpuPresent(), "this machine has a real GPU");
    Result r = runOnStandInGpu(dir, "--bundle", "--no-tests", "--strict", "--out", dir.resolve("reports").toString());
    assertEquals(1, r.status(), r.output());
    assertTrue(r.output().contains("strict: the gpu-tagged JUnit tests did not run"), r.output());
    assertTrue(r.output().endsWith("verify: 0 checks ran: the report did not run (strict: FAILED)\n"), r.output());
  }

  /**
   * Runs the script with a stand-in nvidia-smi that sees a GPU and a bundle in {@code dir}/bundle made of this
   * JVM and a jar pointing at the test class path.
   */
  private static Result runOnStandInGpu(Path dir, String... args) throws IOException, InterruptedException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path smi = bin.resolve("nvidia-smi");
    Files.writeString(smi, "#!/bin/sh\ncase \"$1\" in\n  -L) echo 'GPU 0: Stand-in GPU (UUID: GPU-0)';;\n"
        + "  *) echo 'Stand-in GPU, 000.00, 1 MiB';;\nesac\n");
    Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path bundle = Files.createDirectories(dir.resolve("bundle"));
    Files.createSymbolicLink(bundle.resolve("runtime"), Path.of(System.getProperty("java.home")));
    writeClassPathJar(bundle.resolve("kp.jar"));

    try {
      return run(Map.of("PATH", bin + ":" + System.getenv("PATH"), "KP_GPU_BUNDLE", bundle.toString()), args);
    } finally {
      Files.delete(bundle.resolve("runtime")); // the link only; the JVM it points to stays
    }
  }

  /** A jar with nothing but a manifest whose Class-Path is this JVM's class path. */
  private static void writeClassPathJar(Path jar) throws IOException {
    StringBuilder classPath = new StringBuilder();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      classPath.append(Path.of(entry).toAbsolutePath().toUri()).append(' ');
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath.toString().trim());
    new JarOutputStream(Files.newOutputStream(jar), manifest).close(); // the manifest is the whole jar
  }
}
