package dev.kernelplayground.cli;

import static dev.kernelplayground.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: real runs, and bad input answered with one clear line. */
class CliTest {
  @Test
  void runChecksAndTimesAKernelAtAnOddSize(@TempDir Path dir) throws Exception {
    Path html = dir.resolve("report.html");
    CliRun r = CliRun.of("run", "matmul_tiled", "--size", "67x45x39", "--seed", "7", "--repeats", "2", "--html", html.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertContains(r.out(), "PASS", "seed 7");
    assertTrue(r.out().contains("backend: "), "says where it will run: " + r.out());
    assertTrue(r.out().contains("ran on "), "says where it ran: " + r.out());
    assertTrue(r.out().contains("CPU timing: not a GPU figure"), r.out());
    assertTrue(Files.readString(html).contains("matmul_tiled"));
  }

  @Test
  void listNamesTheKernels() {
    CliRun r = CliRun.of("run", "--list");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().contains("vector_add") && r.out().contains("matmul_tiled"), r.out());
  }

  @Test
  void unknownKernelIsNamed() {
    CliRun r = CliRun.of("run", "matmul_fast", "--size", "4x4x4");
    assertNotEquals(0, r.exitCode());
    assertContains(r.err(), "unknown kernel 'matmul_fast'", "vector_add, copy, matmul_naive");
  }

  @Test
  void unknownCommandIsNamed() {
    CliRun r = CliRun.of("frobnicate");
    assertNotEquals(0, r.exitCode());
    assertTrue(r.err().contains("frobnicate"), r.err());
  }

  @Test
  void wrongShapesAreExplained() {
    CliRun zero = CliRun.of("run", "matmul_tiled", "--size", "0x4x4");
    assertTrue(zero.err().contains("sizes must be positive"), zero.err());
    CliRun count = CliRun.of("run", "matmul_tiled", "--size", "4x4");
    assertTrue(count.err().contains("takes 3 sizes (m×n×k), got 2"), count.err());
    CliRun word = CliRun.of("run", "vector_add", "--size", "lots");
    assertTrue(word.err().contains("'lots' is not a whole number"), word.err());
    assertFalse(zero.err().contains("\tat "), "no stack trace");
  }

  @Test
  void sizesThatDoNotFitInMemoryAreRefusedBeforeAllocating() {
    CliRun r = CliRun.of("run", "matmul_tiled", "--size", "40000x40000x40000");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("needs about") && r.err().contains("of memory"), r.err());
    CliRun huge = CliRun.of("run", "matmul_tiled", "--size", "100000x100000x100000");
    assertTrue(huge.err().contains("more than a Java array can hold"), huge.err());
  }

  @Test
  void devicesListsEveryBackend() {
    CliRun r = CliRun.of("devices");
    assertEquals(0, r.exitCode());
    for (String backend : new String[] {"cuda", "opencl", "emulator", "java"}) {
      assertTrue(r.out().contains(backend), r.out());
    }
  }

  @Test
  void severalSizesMakeASweepWithOneRowEach() {
    CliRun r = CliRun.of("run", "vector_add", "--size", "1000,33333,100003", "--seed", "3", "--repeats", "2");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("n = 1,000") && r.out().contains("n = 33,333") && r.out().contains("n = 100,003"), r.out());
  }

  @Test
  void benchTimesTheReferences() {
    CliRun r = CliRun.of("bench", "references", "--warmups", "0", "--repeats", "1");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("matmul 1024³") && r.out().contains("attention 1×8×1024×64"), r.out());
    assertTrue(r.out().contains("CPU timings"), r.out());
  }

  @Test
  void runOnTheJavaThreadPoolIsLabelledSo() {
    CliRun r = CliRun.of("run", "softmax_online", "--size", "33x129", "--backend", "jtp", "--repeats", "1");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("ran on java · Aparapi Java thread pool"), r.out());
    assertFalse(r.out().contains("opencl"), r.out());
  }

  @Test
  void anUnknownBackendIsNamedWithTheKnownOnes() {
    CliRun r = CliRun.of("run", "copy", "--size", "100", "--backend", "cuda:7");
    assertNotEquals(0, r.exitCode());
    assertTrue(r.err().contains("no Aparapi device 'cuda:7'") && r.err().contains("jtp"), r.err());
  }

  @Test
  void showOpenClPrintsTheGeneratedKernel() {
    CliRun r = CliRun.of("run", "matmul_tiled", "--size", "20x30x40", "--backend", "jtp", "--repeats", "1", "--show-opencl");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("OpenCL C generated from dev.kernelplayground.lessonkernels.matmul.TiledMatmulKernel"), r.out());
    assertTrue(r.out().contains("__kernel void run(") && r.out().contains("barrier(CLK_LOCAL_MEM_FENCE)"), r.out());
  }

  @Test
  void benchComparesEachKernelAcrossBackendsAndPlainJava() {
    CliRun r = CliRun.of("bench", "kernels", "--family", "copy,vector_add", "--backend", "jtp", "--warmups", "0", "--repeats", "1", "--seed", "5");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("seed 5"), r.out());
    for (String row : new String[] {"| copy ", "| copy (plain Java)", "| vector_add ", "| vector_add (plain Java)"}) {
      assertTrue(r.out().contains(row), row + " missing: " + r.out());
    }
    assertTrue(r.out().contains("jtp: Aparapi Java thread pool") && r.out().contains("plain: plain Java loops"), r.out());
    assertTrue(r.out().contains("GB/s"), r.out());
    CliRun bad = CliRun.of("bench", "kernels", "--family", "fft");
    assertTrue(bad.err().contains("no family 'fft'") && bad.err().contains("matmul"), bad.err());
  }

  @Test
  void aCudaFileRunsOnTheEmulatorWithTheSameCheck() {
    dev.kernelplayground.testing.Runtimes.assume(
        dev.kernelplayground.testing.Runtimes.CXX, dev.kernelplayground.emulator.Emulator.available(), "no C++ compiler");
    CliRun r = CliRun.of("run", "kernels/softmax/03_warp_shuffle.cu", "--size", "37x1031", "--seed", "9", "--repeats", "1");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("backend: emulator"), r.out());
    assertTrue(r.out().contains("ran on emulator · ") && r.out().contains("PASS"), r.out());
    assertTrue(r.out().contains("CPU timing: not a GPU figure"), r.out());
    CliRun sizes = CliRun.of("run", "kernels/attention/02_fused_online.cu", "--size", "1x2x33x64");
    assertTrue(sizes.err().contains("takes 5 sizes (batch×heads×seq×dim×causal), got 4"), sizes.err());
  }

  @Test
  void aCudaFileOnAMachineWithoutAGpuSaysSoAndPointsAtTheEmulator() {
    org.junit.jupiter.api.Assumptions.assumeFalse(dev.kernelplayground.jcuda.CudaAvailability.gpuPresent(), "this machine has a GPU");
    CliRun r = CliRun.of("run", "kernels/copy/01_copy.cu", "--size", "1000", "--backend", "cuda");
    assertNotEquals(0, r.exitCode());
    assertTrue(r.err().contains("no NVIDIA driver") && r.err().contains("--backend emulator"), r.err());
    CliRun missing = CliRun.of("run", "kernels/nope/01.cu", "--size", "1000");
    assertTrue(missing.err().contains("no CUDA file kernels/nope/01.cu"), missing.err());
  }

  @Test
  void gpuVerifyParsesItsOptionsWithPicocli() {
    CliRun bad = CliRun.of("gpu-verify", "--fast");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("Unknown option: '--fast'"), bad.err());
    CliRun missing = CliRun.of("gpu-verify", "--out");
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("Missing required parameter for option '--out'"), missing.err());
    String help = CliRun.of("gpu-verify", "--help").out();
    for (String option : new String[] {"--out", "--quick", "--require-gpu", "--note"}) {
      assertTrue(help.contains(option), help);
    }
  }

  @Test
  void trialOptionsAreDeclaredOnceWithOneWarmUpDefault() {
    for (String command : new String[] {"run", "bench", "tour"}) {
      String help = CliRun.of(command, "--help").out();
      assertTrue(help.contains("--seed=N"), command + ": " + help);
      assertTrue(help.contains("Untimed warm-up runs per kernel (default: 3)"), command + ": " + help);
    }
    assertTrue(CliRun.of("emulate", "--help").out().contains("--seed=N"));
    CliRun ada = CliRun.of("ada", "--gpu", "h100");
    CliRun roofline = CliRun.of("roofline", "-i", "1", "--gpu", "h100");
    assertTrue(ada.err().contains("Unknown GPU 'h100'; known: 4090"), ada.err());
    assertTrue(roofline.err().contains("Unknown GPU 'h100'; known: 4090"), roofline.err());
  }
}
