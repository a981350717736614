package dev.kernelplayground.jcuda;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The speed goals of the kernels/ library (project issue 4), judged from the benchmark matrix's passing rows:
 *
 * <ul>
 *   <li>matmul/07_warptile ≥ 85 % of cuBLAS SGEMM at 4096³;
 *   <li>matmul/08_wmma_fp16 ≥ 70 % of cuBLAS HGEMM at 4096³;
 *   <li>copy/01_copy ≥ 85 % of the GPU's peak DRAM bandwidth (at its largest size);
 *   <li>softmax/04_online ≥ 80 % of copy/01_copy's bandwidth on as many elements (the largest such size);
 *   <li>attention/03_flash_tiled ≥ 5× attention/01_naive at every shape with seq ≥ 4096.
 * </ul>
 *
 * A goal whose rows are missing (a quick run, a failed check) is NOT MEASURED, never met. Pure arithmetic on
 * the timings; nothing here touches a GPU.
 *
 * <p>These are RTX 4090 (sm_89) goals. On another architecture the figures are still given, and a goal whose
 * comparison means nothing there is NOT COMPARABLE, with the reason: WMMA against cuBLAS HGEMM from sm_90 on
 * (cuBLAS uses Hopper's wgmma, which WMMA cannot reach), and the copy against a peak bandwidth (the target
 * was set against the RTX 4090's DRAM). Goals that compare two kernels the same way on any GPU (warptile
 * against SIMT SGEMM, softmax against the copy, flash against naive attention) keep their verdict.
 */
final class SpeedGoals {
  /** A goal's verdict. */
  enum Status {
    MET,
    MISSED,
    NOT_MEASURED,
    /** The goal is for another architecture and its comparison means nothing on this one. */
    NOT_COMPARABLE;

    String label() {
      return switch (this) {
        case NOT_MEASURED -> "not measured";
        case NOT_COMPARABLE -> "not comparable";
        default -> name();
      };
    }
  }

  /** One goal judged: what it asks, the verdict, and the figures behind it in words. */
  record Result(String goal, Status status, String measured) {}

  /** A passing, timed benchmark row: kernel, size, median seconds and achieved bytes per second. */
  record Measurement(String kernel, int[] size, double seconds, double bytesPerSecond) {
    String sizeLabel() {
      return MatrixRow.sizeLabel(size);
    }

    long elements() {
      return Arrays.stream(size).asLongStream().reduce(1, (a, b) -> a * b);
    }
  }

  static final String WARPTILE = "matmul/07_warptile";
  static final String WMMA = "matmul/08_wmma_fp16";
  static final String SOFTMAX_ONLINE = "softmax/04_online";
  static final String FLASH = "attention/03_flash_tiled";
  /** The architecture the goals were set for. */
  static final String GOAL_ARCH = "sm_89";
  static final String GOAL_GPU = "RTX 4090 (" + GOAL_ARCH + ")";
  private static final int[] GEMM_4096 = {4096, 4096, 4096};

  private SpeedGoals() {}

  /** The goals judged from the matrix's rows (only passing, timed rows count) on an sm_89 GPU. */
  static List<Result> evaluate(List<MatrixRow> rows, double peakBytesPerSecond) {
    return evaluate(rows, peakBytesPerSecond, GOAL_ARCH);
  }

  /** The goals judged from rows measured on a GPU of architecture {@code arch} (e.g. "sm_90"). */
  static List<Result> evaluate(List<MatrixRow> rows, double peakBytesPerSecond, String arch) {
    List<Measurement> measured = new ArrayList<>();
    for (MatrixRow row : rows) {
      if (row.passed() && row.trial().timing() != null) {
        measured.add(new Measurement(row.entry().kernel(), row.size(), row.medianSeconds(),
            row.trial().timing().gigabytesPerSecond() * 1e9));
      }
    }
    return evaluateMeasurements(measured, peakBytesPerSecond, arch);
  }

  static List<Result> evaluateMeasurements(List<Measurement> rows, double peakBytesPerSecond) {
    return evaluateMeasurements(rows, peakBytesPerSecond, GOAL_ARCH);
  }

  static List<Result> evaluateMeasurements(List<Measurement> rows, double peakBytesPerSecond, String arch) {
    return List.of(
        ofBaseline(rows, WARPTILE, "cublas_sgemm", "cuBLAS SGEMM", 85),
        notComparableFrom(ofBaseline(rows, WMMA, "cublas_hgemm", "cuBLAS HGEMM", 70), arch, 9,
            "cuBLAS HGEMM uses Hopper's wgmma tensor-core instructions from sm_90 on, which WMMA cannot reach"),
        notComparableFrom(copyOfPeak(rows, peakBytesPerSecond), arch, 0,
            "the 85 % was set against the RTX 4090's GDDR6X; other memory reaches another share of its"
                + " nominal peak, and this report's bandwidth ceiling is the copy itself"),
        softmaxOfCopy(rows),
        flashOverNaive(rows));
  }

  /**
   * {@code result} as NOT COMPARABLE, its figures kept, when {@code arch} is not the goals' and its compute
   * capability major is at least {@code fromMajor} (0: any other architecture).
   */
  private static Result notComparableFrom(Result result, String arch, int fromMajor, String why) {
    if (arch.equals(GOAL_ARCH) || result.status() == Status.NOT_MEASURED || major(arch) < fromMajor) {
      return result;
    }
    return new Result(result.goal(), Status.NOT_COMPARABLE,
        result.measured() + "; meaningless on " + arch + ": " + why);
  }

  /** "sm_90" → 9, "sm_100" → 10; 0 when the name is not of that form. */
  static int major(String arch) {
    String digits = arch.startsWith("sm_") ? arch.substring(3).replaceAll("[^0-9].*$", "") : "";
    return digits.length() < 2 ? 0 : Integer.parseInt(digits.substring(0, digits.length() - 1));
  }

  private static Result ofBaseline(List<Measurement> rows, String kernel, String baseline, String name, int percent) {
    String goal = kernel + " ≥ " + percent + " % of " + name + " at 4096×4096×4096";
    Optional<Measurement> mine = find(rows, kernel, GEMM_4096);
    Optional<Measurement> theirs = find(rows, baseline, GEMM_4096);
    if (mine.isEmpty() || theirs.isEmpty()) {
      return notMeasured(goal, mine.isEmpty() ? kernel : baseline, "4096×4096×4096");
    }
    double achieved = 100 * theirs.get().seconds() / mine.get().seconds();
    return new Result(goal, achieved >= percent ? Status.MET : Status.MISSED, String.format(Locale.ROOT,
        "%.1f %% (%s %s, %s %s)", achieved, kernel, ms(mine.get()), baseline, ms(theirs.get())));
  }

  private static Result copyOfPeak(List<Measurement> rows, double peak) {
    String goal = LibraryMatrix.COPY + " ≥ 85 % of the GPU's peak DRAM bandwidth";
    Optional<Measurement> copy = rows.stream().filter(r -> r.kernel().equals(LibraryMatrix.COPY))
        .max(Comparator.comparingLong(Measurement::elements));
    if (copy.isEmpty()) {
      return notMeasured(goal, LibraryMatrix.COPY, "any size");
    }
    if (!(peak > 0)) {
      return new Result(goal, Status.NOT_MEASURED, "the driver did not report the memory clock and bus width");
    }
    double achieved = 100 * copy.get().bytesPerSecond() / peak;
    return new Result(goal, achieved >= 85 ? Status.MET : Status.MISSED, String.format(Locale.ROOT,
        "%.1f %% (%s of %s at %s floats)", achieved, gbps(copy.get().bytesPerSecond()), gbps(peak),
        copy.get().sizeLabel()));
  }

  private static Result softmaxOfCopy(List<Measurement> rows) {
    String goal = SOFTMAX_ONLINE + " ≥ 80 % of " + LibraryMatrix.COPY + "'s bandwidth";
    Optional<Measurement> softmax = rows.stream()
        .filter(r -> r.kernel().equals(SOFTMAX_ONLINE))
        .filter(r -> copyAt(rows, r.elements()).isPresent())
        .max(Comparator.comparingLong(Measurement::elements));
    if (softmax.isEmpty()) {
      return notMeasured(goal, SOFTMAX_ONLINE + " and " + LibraryMatrix.COPY, "as many elements");
    }
    Measurement copy = copyAt(rows, softmax.get().elements()).orElseThrow();
    double achieved = 100 * softmax.get().bytesPerSecond() / copy.bytesPerSecond();
    return new Result(goal, achieved >= 80 ? Status.MET : Status.MISSED, String.format(Locale.ROOT,
        "%.1f %% (%s at %s, copy %s at %s)", achieved, gbps(softmax.get().bytesPerSecond()),
        softmax.get().sizeLabel(), gbps(copy.bytesPerSecond()), copy.sizeLabel()));
  }

  private static Result flashOverNaive(List<Measurement> rows) {
    String goal = FLASH + " ≥ 5× " + LibraryMatrix.NAIVE_ATTENTION + " at seq ≥ 4096";
    List<String> figures = new ArrayList<>();
    double worst = Double.POSITIVE_INFINITY;
    for (Measurement flash : rows) {
      if (!flash.kernel().equals(FLASH) || flash.size().length < 3 || flash.size()[2] < 4096) {
        continue;
      }
      Optional<Measurement> naive = find(rows, LibraryMatrix.NAIVE_ATTENTION, flash.size());
      if (naive.isPresent()) {
        double speedUp = naive.get().seconds() / flash.seconds();
        worst = Math.min(worst, speedUp);
        figures.add(String.format(Locale.ROOT, "%.1f× at %s (%s vs %s)", speedUp, flash.sizeLabel(),
            ms(flash), ms(naive.get())));
      }
    }
    if (figures.isEmpty()) {
      return notMeasured(goal, FLASH + " and " + LibraryMatrix.NAIVE_ATTENTION, "a shape with seq ≥ 4096");
    }
    return new Result(goal, worst >= 5 ? Status.MET : Status.MISSED, String.join("; ", figures));
  }

  /** The goals as a Markdown section, for an sm_89 GPU. */
  static String markdown(List<Result> results) {
    return markdown(results, GOAL_ARCH);
  }

  /** The goals as a Markdown section, saying they are RTX 4090 goals and, off sm_89, what that means. */
  static String markdown(List<Result> results, String arch) {
    StringBuilder md = new StringBuilder("## Speed goals\n\n");
    md.append("From the benchmark matrix above (medians; only rows that passed their checks count). These are ")
        .append(GOAL_GPU).append(" goals");
    if (arch.equals(GOAL_ARCH)) {
      md.append(".\n\n");
    } else {
      md.append("; this GPU is ").append(arch).append(": the figures are given, and a goal whose comparison "
          + "means nothing here is marked not comparable, with the reason.\n\n");
    }
    md.append("| goal | result | measured |\n|---|---|---|\n");
    for (Result r : results) {
      String status =
          r.status() == Status.NOT_MEASURED || r.status() == Status.NOT_COMPARABLE
              ? r.status().label()
              : "**" + r.status().label() + "**";
      md.append("| ").append(r.goal()).append(" | ").append(status).append(" | ")
          .append(r.measured().replace("|", "\\|")).append(" |\n");
    }
    return md.append('\n').toString();
  }

  private static Optional<Measurement> copyAt(List<Measurement> rows, long elements) {
    return rows.stream().filter(r -> r.kernel().equals(LibraryMatrix.COPY) && r.elements() == elements).findFirst();
  }

  private static Optional<Measurement> find(List<Measurement> rows, String kernel, int[] size) {
    return rows.stream().filter(r -> r.kernel().equals(kernel) && Arrays.equals(r.size(), size)).findFirst();
  }

  private static Result notMeasured(String goal, String what, String where) {
    return new Result(goal, Status.NOT_MEASURED, "no passing timed row of " + what + " at " + where
        + " in this run");
  }

  private static String ms(Measurement m) {
    return String.format(Locale.ROOT, "%.3f ms", m.seconds() * 1e3);
  }

  private static String gbps(double bytesPerSecond) {
    return String.format(Locale.ROOT, "%.0f GB/s", bytesPerSecond / 1e9);
  }
}
