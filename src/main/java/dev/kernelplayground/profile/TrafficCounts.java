package dev.kernelplayground.profile;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The emulator's counts for kernels/ files at sizes small enough to profile, written where a JDK and g++ are (when
 * the GPU bundle is built) and read on a GPU machine, which measures the same (file, size) pairs and turns each into
 * a lower bound for the GPU at hand. One JSON file: {@code {"seed":S,"rows":[{"file":"matmul/05_blocktile_2d",
 * "size":[256,256,256],"kernels":[{"kernel":K,"bytesRead":..,"bytesWritten":..,"l1Lines":..,"sharedWavefronts":..,
 * "fp32Flops":..,"tensorFlopsFp16Acc":..,"tensorFlopsFp32Acc":..,"blocks":..}]}]}}.
 *
 * @param seed the seed of the inputs the counts were made with
 * @param rows one per kernels/ file
 */
public record TrafficCounts(long seed, List<Row> rows) {
  /** The file name the bundle carries. */
  public static final String FILE_NAME = "traffic-counts.json";

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  public TrafficCounts {
    rows = rows == null ? null : List.copyOf(rows);
  }

  /**
   * One kernels/ file at one size.
   *
   * @param file the file's id, e.g. "matmul/05_blocktile_2d"
   * @param size the problem's sizes in its family's order, switches included (attention's causal)
   * @param kernels what each kernel the file launches counted, in launch order
   */
  public record Row(String file, int[] size, List<KernelCounts> kernels) {}

  /**
   * What one kernel counted over its launches: the inputs of a lower bound, with reads and writes apart (a GPU's L2
   * may keep what a kernel writes until after the kernel has ended).
   *
   * @param kernel the kernel's name
   * @param bytesRead distinct 32-byte sectors read, × 32
   * @param bytesWritten distinct 32-byte sectors written, × 32
   * @param l1Lines 128-byte lines the global requests touched
   * @param sharedWavefronts shared-memory wavefronts
   * @param fp32Flops FP32 arithmetic of the problem (0 for a file with several kernels)
   * @param tensorFlopsFp16Acc WMMA FLOPs accumulating in fp16
   * @param tensorFlopsFp32Acc WMMA FLOPs accumulating in fp32
   * @param blocks thread blocks
   */
  public record KernelCounts(
      String kernel, long bytesRead, long bytesWritten, long l1Lines, long sharedWavefronts, double fp32Flops,
      long tensorFlopsFp16Acc, long tensorFlopsFp32Acc, long blocks) {

    public static KernelCounts of(KernelProfile p) {
      var t = p.traffic();
      return new KernelCounts(p.kernel(), 32 * p.uniqueSectorsRead(), 32 * p.uniqueSectorsWritten(), t.l1Lines(),
          t.sharedWavefronts(), t.fp32Flops(), t.tensorFlopsFp16Acc(), t.tensorFlopsFp32Acc(), t.blocks());
    }
  }

  public void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Files.writeString(file, GSON.toJson(this) + "\n");
  }

  /** Reads a file {@link #write} wrote; a file that is not one is refused, naming it and what is wrong. */
  public static TrafficCounts read(Path file) throws IOException {
    TrafficCounts counts;
    try {
      counts = GSON.fromJson(Files.readString(file), TrafficCounts.class);
    } catch (JsonParseException e) {
      throw new IOException(file + ": not a traffic-counts file: " + e.getMessage(), e);
    }
    if (counts == null || counts.rows() == null) {
      throw new IOException(file + ": not a traffic-counts file: no \"rows\"");
    }
    for (Row row : counts.rows()) {
      if (row.file() == null || row.size() == null || row.kernels() == null || row.kernels().isEmpty()) {
        throw new IOException(file + ": a row lacks \"file\", \"size\" or \"kernels\": " + GSON.toJson(row));
      }
    }
    return counts;
  }
}
