package dev.kernelplayground.jcuda;

import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.process.ChildProcess;
import dev.kernelplayground.process.ChildRows;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A cross-check of the cuBLAS rows: {@code torch.mm} timed by PyTorch on the same GPU, in a {@code python3}
 * child process, with the same method as the Java side — the L2 flush and a hold of about 1 ms enqueued before
 * the start event, the same warm-ups and repeats, CUDA events, the median — at the report's GEMM sizes, fp32 with TF32 off and
 * fp16. The script, {@code torch_mm.py}, sits next to this class in the jar; its sequencing is tested with a
 * stand-in torch module ({@code TorchBaselineTest}). Without python3, torch or a GPU that torch can use, the
 * run says so and gives no rows.
 */
public final class TorchBaseline {
  static final String SCRIPT = "torch_mm.py";
  private static final Duration LIMIT = Duration.ofMinutes(3);

  /**
   * One torch.mm at one size and precision.
   *
   * @param precision "fp32" (TF32 off) or "fp16" (fp16 in and out, fp32 accumulation)
   * @param maxRelError max |out − reference| / max |reference|, the reference being torch.mm in float64
   */
  public record Row(
      String precision, int m, int n, int k, long seed, double medianMs, double maxRelError, double tolerance)
      implements ChildRows.Checked {
    /** A NaN error (a NaN in the output) fails too. */
    @Override
    public boolean passed() {
      return maxRelError <= tolerance;
    }

    /** "1024×1024×1024", as {@link MatrixRow#sizeLabel()} writes a GEMM's size. */
    public String sizeLabel() {
      return m + "×" + n + "×" + k;
    }

    /** The cuBLAS kernel this row stands next to. */
    public String baseline() {
      return precision.equals("fp32") ? "cublas_sgemm" : "cublas_hgemm";
    }

    public double gflops() {
      return 2.0 * m * n * k / (medianMs * 1e-3) / 1e9;
    }
  }

  private TorchBaseline() {}

  /** Runs torch_mm.py with python3 on this machine's GPU. */
  public static ChildRows<Row> run(List<int[]> sizes, BenchConfig bench, long flushBytes, long seed) {
    return run(Map.of(), sizes, bench, flushBytes, seed);
  }

  /** The same with extra environment variables for python3 (a stand-in torch on PYTHONPATH in the tests). */
  static ChildRows<Row> run(Map<String, String> env, List<int[]> sizes, BenchConfig bench, long flushBytes, long seed) {
    Path script = null;
    try {
      script = Files.createTempFile("kp-torch_mm", ".py");
      try (InputStream in = TorchBaseline.class.getResourceAsStream(SCRIPT)) {
        if (in == null) {
          return ChildRows.failed(SCRIPT + " is missing from the jar");
        }
        Files.write(script, in.readAllBytes());
      }
      List<String> command = List.of("python3", script.toString(),
          "--sizes", sizes.stream().map(TorchBaseline::sizeArgument).collect(Collectors.joining(",")),
          "--warmups", String.valueOf(bench.warmups()), "--repeats", String.valueOf(bench.repeats()),
          "--flush-bytes", String.valueOf(flushBytes), "--seed", String.valueOf(seed));
      ChildProcess.Result r;
      try {
        r = ChildProcess.of(command).env(env).timeout(LIMIT).run();
      } catch (IOException noPython) {
        return ChildRows.notRun("no python3 on this machine");
      }
      return parse(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ChildRows.failed("interrupted");
    } finally {
      if (script != null) {
        try {
          Files.deleteIfExists(script);
        } catch (IOException ignored) {
          // a temporary file left behind
        }
      }
    }
  }

  /** The rows torch_mm.py printed, or why there are none; the header names torch's version and the GPU. */
  static ChildRows<Row> parse(ChildProcess.Result r) {
    return ChildRows.parse(SCRIPT, r, LIMIT, o -> new Row(o.get("precision").getAsString(), o.get("m").getAsInt(),
        o.get("n").getAsInt(), o.get("k").getAsInt(), o.get("seed").getAsLong(), o.get("median_ms").getAsDouble(),
        o.get("max_rel_error").getAsDouble(), o.get("tolerance").getAsDouble()));
  }

  private static String sizeArgument(int[] size) {
    return String.format(Locale.ROOT, "%dx%dx%d", size[0], size[1], size[2]);
  }
}
