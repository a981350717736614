package dev.kernelplayground.cli;

import static dev.kernelplayground.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.process.SignalChaining;
import dev.kernelplayground.testing.CliRun;
import dev.kernelplayground.testing.OpenCl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: real runs, and bad input answered with one clear line. */
class CliTest {
  @Test
  void runChecksAndTimesAKernelAtAnOddSize(@TempDir Path dir) throws Exception {
    Path html = dir.resolve("report.html");
    CliRun.of("run", "matmul_tiled", "--size", "67x45x39", "--seed", "7", "--repeats", "2", "--html", html.toString())
        .assertSucceeded("PASS", "seed 7", "backend: ", "ran on ", "CPU timing: not a GPU figure");
    assertTrue(Files.readString(html).contains("matmul_tiled"));
  }

  @Test
  void listNamesTheKernels() {
    CliRun.of("run", "--list").assertSucceeded("vector_add", "matmul_tiled");
  }

  @Test
  void unknownKernelIsNamed() {
    CliRun.of("run", "matmul_fast", "--size", "4x4x4")
        .assertFailed("unknown kernel 'matmul_fast'", "vector_add, copy, matmul_naive");
  }

  @Test
  void unknownCommandIsNamed() {
    CliRun.of("frobnicate").assertFailed("frobnicate");
  }

  @Test
  void wrongShapesAreExplained() {
    CliRun zero = CliRun.of("run", "matmul_tiled", "--size", "0x4x4").assertFailed("sizes must be positive");
    CliRun.of("run", "matmul_tiled", "--size", "4x4").assertFailed("takes 3 sizes (m×n×k), got 2");
    CliRun.of("run", "vector_add", "--size", "lots").assertFailed("'lots' is not a whole number");
    assertFalse(zero.err().contains("\tat "), "no stack trace");
    // A switch is no size: attention's causal may be 0, its sequence may not.
    CliRun.of("run", "kernels/attention/02_fused_online.cu", "--size", "1x1x0x8x0").assertFailed("sizes must be positive");
    CliRun.of("run", "kernels/attention/02_fused_online.cu", "--size", "1x1x5x8x0", "--warmups", "0", "--repeats", "1")
        .assertSucceeded("PASS", "attention 1×1×5×8");
  }

  @Test
  void theEmulatorsChecksAndScheduleAreChosenOnTheCommandLine() {
    String[] run = {"run", "kernels/vector_add/01_vector_add.cu", "--size", "1003", "--warmups", "0", "--repeats", "1"};
    CliRun.of(run).assertSucceeded("PASS", "sanitizer on");
    CliRun.of(concat(run, "--no-sanitize")).assertSucceeded("PASS", "sanitizer off (--no-sanitize)");
    CliRun.of(concat(run, "--schedule", "random:7")).assertSucceeded("PASS", "random:7");
    CliRun.of(concat(run, "--schedule", "sideways")).assertFailed("sideways");
  }

  private static String[] concat(String[] first, String... more) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(first), java.util.Arrays.stream(more))
        .toArray(String[]::new);
  }

  @Test
  void sizesThatDoNotFitInMemoryAreRefusedBeforeAllocating() {
    CliRun.of("run", "matmul_tiled", "--size", "40000x40000x40000").assertUsageError("needs about", "of memory");
    CliRun.of("run", "matmul_tiled", "--size", "100000x100000x100000").assertFailed("more than a Java array can hold");
  }

  @Test
  void devicesListsEveryBackend() {
    CliRun.of("devices").assertSucceeded("cuda", "opencl", "emulator", "java");
  }

  @Test
  void devicesWarnsAJvmStartedWithoutSignalChaining() throws Exception {
    OpenCl.firstDevice();
    assertFalse(CliRun.of("devices").out().contains("Warning"), "the test JVM runs with libjsig (pom.xml)");
    CliRun.inChildJvm(Map.of(SignalChaining.PRELOAD, ""), "devices")
        .assertSucceeded("Warning: Java kernels on OpenCL will fail to build now and then", "LD_PRELOAD=", "libjsig.so");
  }

  @Test
  void severalSizesMakeASweepWithOneRowEach() {
    CliRun.of("run", "vector_add", "--size", "1000,33333,100003", "--seed", "3", "--repeats", "2")
        .assertSucceeded("n = 1,000", "n = 33,333", "n = 100,003");
  }

  @Test
  void benchTimesTheReferences() {
    CliRun.of("bench", "references", "--warmups", "0", "--repeats", "1")
        .assertSucceeded("matmul 1024³", "attention 1×8×1024×64", "CPU timings");
  }

  @Test
  void runOnTheJavaThreadPoolIsLabelledSo() {
    CliRun r = CliRun.of("run", "softmax_online", "--size", "33x129", "--backend", "jtp", "--repeats", "1")
        .assertSucceeded("ran on java · Java threads, one per work-item");
    assertFalse(r.out().contains("opencl"), r.out());
  }

  @Test
  void anUnknownBackendIsNamedWithTheKnownOnes() {
    CliRun.of("run", "copy", "--size", "100", "--backend", "cuda:7").assertFailed("no Aparapi device 'cuda:7'", "jtp");
  }

  @Test
  void showOpenClPrintsTheGeneratedKernel() {
    CliRun.of("run", "matmul_tiled", "--size", "20x30x40", "--backend", "jtp", "--repeats", "1", "--show-opencl")
        .assertSucceeded("OpenCL C generated from dev.kernelplayground.lessonkernels.matmul.TiledMatmulKernel",
            "__kernel void run(", "barrier(CLK_LOCAL_MEM_FENCE)");
  }

  @Test
  void benchComparesEachKernelAcrossBackendsAndPlainJava() {
    CliRun.of("bench", "kernels", "--family", "copy,vector_add", "--backend", "jtp", "--warmups", "0", "--repeats", "1",
            "--seed", "5")
        .assertSucceeded("seed 5", "| copy ", "| copy (plain Java)", "| vector_add ", "| vector_add (plain Java)",
            "jtp: Java threads, one per work-item", "plain: plain Java loops", "GB/s");
    CliRun.of("bench", "kernels", "--family", "fft").assertFailed("no family 'fft'", "matmul");
  }

  @Test
  void aCudaFileRunsOnTheEmulatorWithTheSameCheck() {
    dev.kernelplayground.testing.Runtimes.assume(
        dev.kernelplayground.testing.Runtimes.CXX, dev.kernelplayground.emulator.Emulator.available(), "no C++ compiler");
    CliRun.of("run", "kernels/softmax/03_warp_shuffle.cu", "--size", "37x1031", "--seed", "9", "--repeats", "1")
        .assertSucceeded("backend: emulator", "ran on emulator · ", "PASS", "CPU timing: not a GPU figure");
    CliRun.of("run", "kernels/attention/02_fused_online.cu", "--size", "1x2x33x64")
        .assertFailed("takes 5 sizes (batch×heads×seq×dim×causal), got 4");
  }

  @Test
  void aCudaFileOnAMachineWithoutAGpuSaysSoAndPointsAtTheEmulator() {
    org.junit.jupiter.api.Assumptions.assumeFalse(dev.kernelplayground.jcuda.CudaAvailability.gpuPresent(), "this machine has a GPU");
    CliRun.of("run", "kernels/copy/01_copy.cu", "--size", "1000", "--backend", "cuda")
        .assertFailed("no NVIDIA driver", "--backend emulator");
    CliRun.of("run", "kernels/nope/01.cu", "--size", "1000").assertFailed("no CUDA file kernels/nope/01.cu");
  }

  @Test
  void gpuVerifyParsesItsOptionsWithPicocli() {
    CliRun.of("gpu-verify", "--fast").assertUsageError("Unknown option: '--fast'");
    CliRun.of("gpu-verify", "--out").assertUsageError("Missing required parameter for option '--out'");
    assertContains(CliRun.of("gpu-verify", "--help").out(), "--out", "--quick", "--require-gpu", "--note");
  }

  @Test
  void trialOptionsAreDeclaredOnceWithOneWarmUpDefault() {
    for (String command : new String[] {"run", "bench", "tour"}) {
      String help = CliRun.of(command, "--help").out();
      assertTrue(help.contains("--seed=N"), command + ": " + help);
      assertTrue(help.contains("Untimed warm-up runs per kernel (default: 3)"), command + ": " + help);
    }
    assertTrue(CliRun.of("emulate", "--help").out().contains("--seed=N"));
    CliRun.of("ada", "--gpu", "h100").assertFailed("Unknown GPU 'h100'; known: 4090");
    CliRun.of("roofline", "-i", "1", "--gpu", "h100").assertFailed("Unknown GPU 'h100'; known: 4090");
  }

  /** -h/--help and -V/--version are declared once, on kp, and every subcommand inherits them. */
  @Test
  void everySubcommandHasHelpAndTheVersion() {
    for (String command : new String[] {"run", "bench", "tour", "devices", "ada", "occupancy", "compile", "roofline",
        "emulate", "notebook", "gpu-verify", "grade"}) {
      CliRun.of(command, "--help").assertSucceeded("-h, --help", "-V, --version");
      CliRun.of(command, "--version").assertSucceeded("Kernel Playground 0.1.0");
    }
    CliRun.of("notebook", "run", "-h").assertSucceeded("-h, --help", "NOTEBOOK");
  }
}
