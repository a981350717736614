package dev.kernelplayground.jcuda;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.process.ChildProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A cross-check of the cuBLAS rows: {@code torch.mm} timed by PyTorch on the same GPU, in a {@code python3}
 * child process, with the same method as the Java side — the L2 flush enqueued before the start event, the
 * same warm-ups and repeats, CUDA events, the median — at the report's GEMM sizes, fp32 with TF32 off and
 * fp16. The script, {@code torch_mm.py}, sits next to this class in the jar; its sequencing is tested with a
 * stand-in torch module ({@code TorchBaselineTest}). Without python3, torch or a GPU that torch can use, the
 * run says so and gives no rows.
 */
public final class TorchBaseline {
  static final String SCRIPT = "torch_mm.py";
  /** torch_mm.py's exit status when it did not run (no torch, no CUDA in torch); its one line says why. */
  static final int NOT_RUN = 3;
  private static final Duration LIMIT = Duration.ofMinutes(3);

  /**
   * One torch.mm at one size and precision.
   *
   * @param precision "fp32" (TF32 off) or "fp16" (fp16 in and out, fp32 accumulation)
   * @param maxRelError max |out − reference| / max |reference|, the reference being torch.mm in float64
   */
  public record Row(
      String precision, int m, int n, int k, long seed, double medianMs, double maxRelError, double tolerance) {
    /** A NaN error (a NaN in the output) fails too. */
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

  /**
   * What a run gave: the rows and the torch version and GPU they came from, or why there are none.
   *
   * @param notRun why nothing ran on purpose (no python3, no torch, torch sees no GPU); null when it ran
   * @param failed why the script failed after it started (a crash, a time-out, output that is not its rows)
   */
  public record Run(String torch, String device, List<Row> rows, String notRun, String failed) {
    public Run {
      rows = List.copyOf(rows);
    }

    static Run notRun(String why) {
      return new Run(null, null, List.of(), why, null);
    }

    static Run failed(String why) {
      return new Run(null, null, List.of(), null, why);
    }

    /** A row that did not pass its check, or a script that failed: something to report as a failure. */
    public boolean anyFailure() {
      return failed != null || rows.stream().anyMatch(r -> !r.passed());
    }
  }

  private TorchBaseline() {}

  /** Runs torch_mm.py with python3 on this machine's GPU. */
  public static Run run(List<int[]> sizes, BenchConfig bench, long flushBytes, long seed) {
    return run(Map.of(), sizes, bench, flushBytes, seed);
  }

  /** The same with extra environment variables for python3 (a stand-in torch on PYTHONPATH in the tests). */
  static Run run(Map<String, String> env, List<int[]> sizes, BenchConfig bench, long flushBytes, long seed) {
    Path script = null;
    try {
      script = Files.createTempFile("kp-torch_mm", ".py");
      try (InputStream in = TorchBaseline.class.getResourceAsStream(SCRIPT)) {
        if (in == null) {
          return Run.failed(SCRIPT + " is missing from the jar");
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
        return Run.notRun("no python3 on this machine");
      }
      return parse(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Run.failed("interrupted");
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

  /** The rows torch_mm.py printed, or why there are none. */
  static Run parse(ChildProcess.Result r) {
    if (r.timedOut()) {
      return Run.failed(SCRIPT + " did not finish within " + LIMIT.toMinutes() + " minutes");
    }
    if (r.exitCode() == NOT_RUN) {
      return Run.notRun(r.stdout().strip());
    }
    if (r.exitCode() != 0) {
      return Run.failed(SCRIPT + " exited with status " + r.exitCode() + ": " + lastLine(r.stderr()));
    }
    List<String> lines = r.stdout().lines().filter(l -> !l.isBlank()).toList();
    try { // JsonParser reads leniently: Python's NaN (an output with a NaN) comes back as NaN, which fails
      JsonObject header = JsonParser.parseString(lines.get(0)).getAsJsonObject();
      List<Row> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        JsonObject o = JsonParser.parseString(line).getAsJsonObject();
        rows.add(new Row(o.get("precision").getAsString(), o.get("m").getAsInt(), o.get("n").getAsInt(),
            o.get("k").getAsInt(), o.get("seed").getAsLong(), o.get("median_ms").getAsDouble(),
            o.get("max_rel_error").getAsDouble(), o.get("tolerance").getAsDouble()));
      }
      return new Run(header.get("torch").getAsString(), header.get("device").getAsString(), rows, null, null);
    } catch (JsonParseException | IllegalStateException | NullPointerException | IndexOutOfBoundsException
        | UnsupportedOperationException e) {
      return Run.failed(SCRIPT + " printed something other than its rows: "
          + (lines.isEmpty() ? "nothing" : lines.get(lines.size() - 1)));
    }
  }

  private static String sizeArgument(int[] size) {
    return String.format(Locale.ROOT, "%dx%dx%d", size[0], size[1], size[2]);
  }

  private static String lastLine(String text) {
    List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "no message" : lines.get(lines.size() - 1);
  }
}
