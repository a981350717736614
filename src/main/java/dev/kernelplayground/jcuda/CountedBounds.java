package dev.kernelplayground.jcuda;

import dev.kernelplayground.ada.GpuSpec;
import dev.kernelplayground.ada.Traffic;
import dev.kernelplayground.ada.TrafficBound;
import dev.kernelplayground.cudasource.KernelLibrary;
import dev.kernelplayground.profile.TrafficCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every kernels/ file measured on the GPU at the size the emulator counted its traffic at ({@link TrafficCounts}),
 * next to the lower bound those counts give for this GPU ({@link DeviceSpec}, {@link TrafficBound}). A measured time
 * below its bound means a count or a rate is wrong: {@code --strict} fails on it.
 *
 * <p>The DRAM term is what must cross the DRAM pins while the kernel runs, after the L2 flush: the bytes the file's
 * first kernel reads (a later kernel may read what an earlier one left in the L2: attention/01's scores), and of the
 * bytes each kernel writes only those beyond the L2's capacity (the L2 writes back; the rest may leave after the
 * stop event). The other terms are the counted ones, each kernel's added up (the kernels run one after another).
 */
final class CountedBounds {
  private CountedBounds() {}

  /**
   * One file: the measured median and the bound.
   *
   * @param file e.g. "matmul/05_blocktile_2d"
   * @param sizeLabel e.g. "256×256×256"
   * @param measuredSeconds the median of the timed runs, NaN when it did not run
   * @param boundSeconds the lower bound, NaN when none could be computed
   * @param limiters each kernel's binding term, e.g. "l1" or "dram+l1+l1"
   * @param error why the row has no measurement, or null
   */
  record Row(String file, String sizeLabel, double measuredSeconds, double boundSeconds, String limiters,
      String error) {
    /** Measured over bound: ≥ 1 on any GPU if the counts and rates are right. */
    double ratio() {
      return measuredSeconds / boundSeconds;
    }

    boolean beatsBound() {
      return error == null && measuredSeconds < boundSeconds;
    }
  }

  /**
   * The report's section: where the counts came from and the rows.
   *
   * @param countsFile the counts file looked for
   * @param countsMissing why there are no counts (no such file, not readable), or null
   * @param gpu this GPU as the bound sees it, or null when {@code noBound}
   * @param noBound why no bound can be computed for this GPU, or null
   * @param seed the seed of the inputs the emulator counted with
   * @param rows one per counted file
   */
  record Section(java.nio.file.Path countsFile, String countsMissing, GpuSpec gpu, String noBound, long seed,
      List<Row> rows) {
    List<String> strictFailures() {
      return CountedBounds.strictFailures(rows, countsMissing, noBound);
    }
  }

  /** The bound of one counted file on {@code gpu}, whose L2 holds {@code l2Bytes}. */
  static TrafficBound.Result[] bounds(TrafficCounts.Row counted, GpuSpec gpu, long l2Bytes) {
    List<TrafficCounts.KernelCounts> kernels = counted.kernels();
    TrafficBound.Result[] results = new TrafficBound.Result[kernels.size()];
    for (int i = 0; i < kernels.size(); i++) {
      TrafficCounts.KernelCounts k = kernels.get(i);
      long dram = (i == 0 ? k.bytesRead() : 0) + Math.max(0, k.bytesWritten() - l2Bytes);
      results[i] = TrafficBound.of(new Traffic(dram, k.l1Lines(), k.sharedWavefronts(), k.fp32Flops(),
          k.tensorFlopsFp16Acc(), k.tensorFlopsFp32Acc(), k.blocks()), gpu);
    }
    return results;
  }

  /** The measurement entries, one per counted file, in the order of the counts. */
  static List<MatrixEntry> entries(KernelLibrary library, TrafficCounts counts) {
    return counts.rows().stream()
        .map(r -> LibraryMatrix.at(library.root().resolve(r.file() + ".cu"), r.size()))
        .toList();
  }

  /**
   * The rows of the table: each counted file with its measurement ({@code measured}, in the order of {@link
   * #entries}) and its bound on {@code gpu} (null when no bound can be computed for this GPU).
   */
  static List<Row> rows(TrafficCounts counts, List<MatrixRow> measured, GpuSpec gpu, long l2Bytes) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < counts.rows().size(); i++) {
      TrafficCounts.Row counted = counts.rows().get(i);
      MatrixRow m = i < measured.size() ? measured.get(i) : null;
      double bound = Double.NaN;
      String limiters = "—";
      if (gpu != null) {
        TrafficBound.Result[] results = bounds(counted, gpu, l2Bytes);
        bound = 0;
        List<String> names = new ArrayList<>();
        for (TrafficBound.Result r : results) {
          bound += r.seconds();
          names.add(r.limiter().key());
        }
        limiters = String.join("+", names);
      }
      String error = m == null ? "not measured"
          : !m.passed() ? (m.error() != null ? m.error().lines().findFirst().orElse("") : "failed its check") : null;
      String label = m != null ? m.sizeLabel() : java.util.Arrays.toString(counted.size());
      rows.add(new Row(counted.file(), label, error == null ? m.medianSeconds() : Double.NaN, bound, limiters, error));
    }
    return rows;
  }

  /**
   * Why the bounds prove less than they should, for {@code --strict}: no counts file ({@code countsMissing}), no
   * bound for this GPU ({@code noBound}), a file not measured, a measurement that beats its bound (naming the file,
   * the size and both times).
   */
  static List<String> strictFailures(List<Row> rows, String countsMissing, String noBound) {
    List<String> reasons = new ArrayList<>();
    if (countsMissing != null) {
      reasons.add("no lower bounds from counted traffic: " + countsMissing);
      return reasons;
    }
    if (noBound != null) {
      reasons.add("no lower bounds from counted traffic for this GPU: " + noBound);
    }
    for (Row row : rows) {
      if (row.error() != null) {
        reasons.add("bound row not measured: " + row.file() + " " + row.sizeLabel() + ": " + row.error());
      } else if (row.beatsBound()) {
        reasons.add(String.format(Locale.ROOT,
            "%s at %s: measured %.2f µs beats its lower bound from counted traffic, %.2f µs (%s)",
            row.file(), row.sizeLabel(), row.measuredSeconds() * 1e6, row.boundSeconds() * 1e6, row.limiters()));
      }
    }
    return reasons;
  }
}
