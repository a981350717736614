package dev.kernelplayground.jcuda;

import static dev.kernelplayground.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.process.ChildProcess;
import dev.kernelplayground.process.ChildRows;
import dev.kernelplayground.testing.Runtimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * torch_mm.py run by python3 against a stand-in torch module (tests/resources/faketorch) that records the calls
 * on stderr: the same sequence as the Java side's ({@link TimingSequenceTest}), TF32 off at every timed
 * torch.mm, the medians and checks parsed back; and the report's torch rows from recorded rows. Runs without a
 * GPU and without PyTorch.
 */
class TorchBaselineTest {
  private static final List<int[]> SIZES = List.of(new int[] {3, 5, 7}, new int[] {64, 33, 17});

  @BeforeEach
  void needsPython() throws Exception {
    boolean present;
    try {
      present = ChildProcess.of("python3", "--version").timeout(Duration.ofSeconds(30)).run().succeeded();
    } catch (java.io.IOException e) {
      present = false;
    }
    Runtimes.assume(Runtimes.PYTHON, present, "no python3 on PATH");
  }

  private static String resource(String name) throws Exception {
    return Path.of(TorchBaselineTest.class.getResource(name).toURI()).toString();
  }

  private static Map<String, String> fakeTorch(String... more) throws Exception {
    Map<String, String> env = new java.util.HashMap<>(Map.of("PYTHONPATH", resource("/faketorch")));
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  @Test
  void theFlushAndTheHoldAreEnqueuedBeforeTheStartEventAndTheHostWaitsOnlyAfterTheStopEvent() throws Exception {
    Path script = Path.of(TorchBaseline.class.getResource(TorchBaseline.SCRIPT).toURI());
    ChildProcess.Result r = ChildProcess.of("python3", script.toString(), "--sizes", "3x5x7", "--warmups", "1",
            "--repeats", "2", "--flush-bytes", "1024", "--seed", "42")
        .env(fakeTorch()).timeout(Duration.ofSeconds(60)).run();
    assertEquals(0, r.exitCode(), r.stderr());
    List<String> warmup = List.of("record start", "mm tf32=False %s", "record stop", "synchronize stop", "elapsed");
    List<String> expected = new ArrayList<>();
    for (String precision : List.of("fp32", "fp16")) {
      List<String> one = new ArrayList<>(List.of("seed 42"));
      one.addAll(warmup);
      for (int repeat = 0; repeat < 2; repeat++) {
        one.add("fill " + repeat);
        one.add("hold 2000000 cycles");
        one.addAll(warmup);
      }
      one.add("mm reference fp64");
      one.replaceAll(line -> String.format(line, precision));
      expected.addAll(one);
    }
    assertEquals(expected, r.stderr().lines().toList());
  }

  @Test
  void theRowsComeBackWithTheirMediansAndChecks() throws Exception {
    ChildRows<TorchBaseline.Row> run = TorchBaseline.run(fakeTorch(), SIZES, new BenchConfig(1, 3), 1024, 7);
    assertNull(run.notRun());
    assertNull(run.failed());
    assertEquals(Map.of("torch", "0.0-fake", "device", "Fake GPU"), run.header());
    // the stand-in's elapsed times are 1, 2, 3, ... ms: warm-up 1, repeats 2 3 4 (median 3), then 5, 6 7 8, ...
    assertEquals(List.of(3.0, 7.0, 11.0, 15.0), run.rows().stream().map(TorchBaseline.Row::medianMs).toList());
    assertEquals(List.of("fp32", "fp32", "fp16", "fp16"), run.rows().stream().map(TorchBaseline.Row::precision).toList());
    assertEquals("64×33×17", run.rows().get(1).sizeLabel());
    assertEquals("cublas_hgemm", run.rows().get(3).baseline());
    assertEquals(7, run.rows().get(0).seed());
    assertTrue(run.rows().stream().allMatch(TorchBaseline.Row::passed), run.rows().toString());
    assertFalse(run.anyFailure());
  }

  /** An fp32 error as large as TF32's fails; fp16 allows it. A NaN fails everywhere. */
  @Test
  void aPlantedErrorFailsTheCheck() throws Exception {
    ChildRows<TorchBaseline.Row> tf32Sized = TorchBaseline.run(fakeTorch("FAKE_TORCH_ERROR", "1e-3"), SIZES,
        new BenchConfig(0, 1), 1024, 7);
    assertEquals(List.of(false, false, true, true), tf32Sized.rows().stream().map(TorchBaseline.Row::passed).toList());
    assertTrue(tf32Sized.anyFailure());
    ChildRows<TorchBaseline.Row> nan = TorchBaseline.run(fakeTorch("FAKE_TORCH_ERROR", "nan"), SIZES, new BenchConfig(0, 1), 1024, 7);
    assertEquals(4, nan.rows().size());
    assertTrue(nan.rows().stream().noneMatch(TorchBaseline.Row::passed), nan.rows().toString());
  }

  @Test
  void withoutTorchOrItsGpuTheRunSaysWhyNot() throws Exception {
    ChildRows<TorchBaseline.Row> none = TorchBaseline.run(Map.of("PYTHONPATH", resource("/notorch")), SIZES,
        new BenchConfig(0, 1), 1024, 7);
    assertEquals("no torch on this machine", none.notRun());
    assertEquals(List.of(), none.rows());
    assertFalse(none.anyFailure(), "no torch is not a failure");
    ChildRows<TorchBaseline.Row> noGpu = TorchBaseline.run(fakeTorch("FAKE_TORCH_CUDA", "0"), SIZES, new BenchConfig(0, 1), 1024, 7);
    assertEquals("torch 0.0-fake sees no CUDA GPU (torch.cuda.is_available() is False)", noGpu.notRun());
  }

  @Test
  void aScriptThatFailsIsAFailureWithItsLastWords() {
    ChildRows<TorchBaseline.Row> crashed = TorchBaseline.parse(new ChildProcess.Result(1, "{\"torch\": \"2.5\", \"device\": \"H200\"}\n",
        "Traceback (most recent call last):\ntorch.OutOfMemoryError: CUDA out of memory.\n", false, Duration.ZERO));
    assertEquals("torch_mm.py exited with status 1: torch.OutOfMemoryError: CUDA out of memory.", crashed.failed());
    assertTrue(crashed.anyFailure());
    ChildRows<TorchBaseline.Row> garbled = TorchBaseline.parse(new ChildProcess.Result(0, "hello\n", "", false, Duration.ZERO));
    assertEquals("torch_mm.py printed something other than its rows: hello", garbled.failed());
    ChildRows<TorchBaseline.Row> slow = TorchBaseline.parse(new ChildProcess.Result(137, "", "", true, Duration.ZERO));
    assertEquals("torch_mm.py did not finish within 3 minutes", slow.failed());
  }

  @Test
  void theReportPutsTorchNextToCublasAtTheSameSize() {
    ChildRows<TorchBaseline.Row> run = ChildRows.of(Map.of("torch", "2.5.1+cu124", "device", "NVIDIA H200"), List.of(
        new TorchBaseline.Row("fp32", 1024, 1024, 1024, 11, 0.5, 2e-7, 1e-4),
        new TorchBaseline.Row("fp16", 1024, 1024, 1024, 11, 0.1, 3e-3, 2e-3),
        new TorchBaseline.Row("fp32", 2048, 2048, 2048, 11, 3.0, 2e-7, 1e-4)));
    Map<String, Double> cublas = Map.of("cublas_sgemm 1024×1024×1024", 0.4e-3, "cublas_hgemm 1024×1024×1024", 0.05e-3);
    String md = GpuReportMarkdown.torch(run, cublas, new BenchConfig(2, 10));
    assertContains(md,
        "## torch.mm next to cuBLAS",
        "PyTorch 2.5.1+cu124 on NVIDIA H200",
        "2 warm-ups, the median of 10 repeats",
        "| torch.mm fp32 | 1024×1024×1024 | 0.500 ms | 4295 | 0.400 ms | 80 % | passed 2.0e-07 (1e-04) | 11 |",
        "| torch.mm fp16 | 1024×1024×1024 | 0.100 ms | 21475 | 0.050 ms | 50 % | **failed** 3.0e-03 (2e-03) | 11 |",
        "| torch.mm fp32 | 2048×2048×2048 | 3.000 ms | 5727 | no cublas_sgemm | — |");
    assertEquals("torch rows: not run (no torch on this machine)\n\n",
        GpuReportMarkdown.torch(ChildRows.notRun("no torch on this machine"), cublas, new BenchConfig(2, 10)));
    assertEquals("torch rows: FAILED: torch_mm.py exited with status 1: boom\n\n", GpuReportMarkdown.torch(
        ChildRows.failed("torch_mm.py exited with status 1: boom"), cublas, new BenchConfig(2, 10)));
  }
}
