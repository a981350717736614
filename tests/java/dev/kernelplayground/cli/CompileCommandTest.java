package dev.kernelplayground.cli;

import static dev.kernelplayground.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.compile.CudaToolkit;
import dev.kernelplayground.cudasource.KernelLibrary;
import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.testing.CliRun;
import dev.kernelplayground.testing.Runtimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kp compile}, run in-process. Uses the default PTX cache, as the command does. */
class CompileCommandTest {
  private static void assumeNvcc() {
    Runtimes.assume(Runtimes.CUDA_TOOLKIT, CudaToolkit.find().isPresent(), CudaToolkit.whereLooked());
  }

  @Test
  @Tag("cuda-toolkit")
  void oneFileShowsResourcesOccupancyAndAHint() {
    assumeNvcc();
    CliRun r = CliRun.of("compile", "kernels/matmul/05_blocktile_2d.cu", "--size", "m=1031,n=517,k=33");
    assertEquals(0, r.exitCode(), r.err());
    String out = r.out();
    assertContains(out, "kernels/matmul/05_blocktile_2d.cu (check: matmul)", "sgemm_blocktile_2d:");
    assertTrue(out.matches("(?s).*resources: \\d+ registers, 8,192 B static shared memory, no spills.*"), out);
    assertContains(out,
        "launch at m=1031, n=517, k=33: grid (5, 9, 1) × block (256, 1, 1)",
        "occupancy on one GeForce RTX 4090 SM: ",
        "hint: ");
  }

  @Test
  @Tag("cuda-toolkit")
  void allKernelsInOneTable() {
    assumeNvcc();
    CliRun r = CliRun.of("compile", "--all");
    assertEquals(0, r.exitCode(), r.err());
    for (KernelSource k : KernelLibrary.find().all()) {
      assertTrue(r.out().contains("| " + k.id()), k.id() + " missing from:\n" + r.out());
    }
    assertContains(r.out(), "| attention/01_naive attention_softmax", "binding limit");
    assertFalse(r.out().contains("FAILED"), r.out());
  }

  @Test
  @Tag("cuda-toolkit")
  void aCompileErrorIsOneMessageAtTheUsersLine(@TempDir Path dir) throws Exception {
    assumeNvcc();
    Path file = dir.resolve("broken.cu");
    String good = Files.readString(Path.of("kernels/vector_add/01_vector_add.cu"));
    int line = (int) good.lines().takeWhile(l -> !l.contains("out[i] = a[i] + b[i];")).count() + 1;
    Files.writeString(file, good.replace("out[i] = a[i] + b[i];", "out[i] = a[i] + c[i];"));
    CliRun r = CliRun.of("compile", file.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().startsWith("kp compile: " + file + ":" + line + ": error: identifier \"c\" is undefined"),
        r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  @Test
  @Tag("cuda-toolkit")
  void aMissingFileOrBadHeaderIsOneLine(@TempDir Path dir) throws Exception {
    assumeNvcc();
    CliRun missing = CliRun.of("compile", "kernels/matmul/99_nothing.cu");
    assertEquals(1, missing.exitCode());
    assertEquals("kp compile: kernels/matmul/99_nothing.cu: no such file", missing.err().strip());

    Path noCheck = dir.resolve("nocheck.cu");
    Files.writeString(noCheck, Files.readString(Path.of("kernels/copy/01_copy.cu")).replace("// @kp check:   copy n\n", ""));
    CliRun bad = CliRun.of("compile", noCheck.toString());
    assertEquals(1, bad.exitCode());
    assertTrue(bad.err().startsWith("kp compile: " + noCheck + ":1: the header has no '// @kp check:' line"), bad.err());
    assertEquals(1, bad.err().strip().lines().count(), bad.err());
  }

  @Test
  @Tag("cuda-toolkit")
  void aFileWithoutHeaderStillGetsItsResources(@TempDir Path dir) throws Exception {
    assumeNvcc();
    Path file = dir.resolve("plain.cu");
    Files.writeString(file, "// just a kernel\n__global__ void scale(float* x, int n) {\n"
        + "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n  if (i < n) x[i] *= 2.0f;\n}\n");
    CliRun r = CliRun.of("compile", "--no-cache", file.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertContains(r.out(), "  scale:\n    resources: ", "no '// @kp' header, so no launch and no occupancy");
  }

  @Test
  void badOptionsAreUsageErrors() {
    CliRun none = CliRun.of("compile");
    assertEquals(2, none.exitCode());
    assertTrue(none.err().contains("name the kernel files to compile, or --all"), none.err());
    CliRun both = CliRun.of("compile", "--all", "kernels/copy/01_copy.cu");
    assertEquals(2, both.exitCode());
    CliRun arch = CliRun.of("compile", "--arch", "ada", "kernels/copy/01_copy.cu");
    assertEquals(2, arch.exitCode());
    assertTrue(arch.err().contains("'ada' is not an architecture like sm_89"), arch.err());
    CliRun size = CliRun.of("compile", "--size", "q=3", "kernels/copy/01_copy.cu");
    assertEquals(2, size.exitCode());
    assertTrue(size.err().contains("'q' is not a problem size"), size.err());
  }

  /**
   * A machine without the CUDA toolkit, as {@code KP_NVCC} pointing nowhere makes one: a child JVM, since the
   * variable is read from the environment. {@code kp compile} says "no nvcc" in one line, and {@code kp devices}
   * names no toolkit.
   */
  @Test
  void withKpNvccPointingNowhereCompileSaysNoNvccInOneLine(@TempDir Path dir) throws Exception {
    String nowhere = dir.resolve("no-such-nvcc").toString();
    CliRun compile = CliRun.inChildJvm(Map.of("KP_NVCC", nowhere), "compile", "kernels/vector_add/01_vector_add.cu");
    assertEquals(2, compile.exitCode(), compile.out() + compile.err());
    assertEquals("", compile.out());
    assertTrue(compile.err().startsWith("kp compile: cannot compile CUDA C: no nvcc at KP_NVCC=" + nowhere), compile.err());
    assertEquals(1, compile.err().strip().lines().count(), "one line, no stack trace: " + compile.err());

    CliRun devices = CliRun.inChildJvm(Map.of("KP_NVCC", nowhere), "devices");
    assertEquals(0, devices.exitCode(), devices.out() + devices.err());
    assertFalse(devices.out().contains("CUDA toolkit"), devices.out());
  }
}
