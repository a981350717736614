package dev.kernelplayground.lessonkernels;

import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.lessonkernels.attention.AttentionCases;
import dev.kernelplayground.lessonkernels.dot.DotCases;
import dev.kernelplayground.lessonkernels.histogram.HistogramCases;
import dev.kernelplayground.lessonkernels.conv1d.Conv1dCases;
import dev.kernelplayground.lessonkernels.matmul.MatmulCases;
import dev.kernelplayground.lessonkernels.scan.ScanCases;
import dev.kernelplayground.lessonkernels.softmax.SoftmaxCases;
import dev.kernelplayground.lessonkernels.transpose.TransposeCases;
import dev.kernelplayground.lessonkernels.vector.VectorCases;
import dev.kernelplayground.problem.Problem;
import dev.kernelplayground.problem.ProblemFamilies;
import dev.kernelplayground.problem.ProblemFamily;
import dev.kernelplayground.run.KernelCase;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The Java lesson kernels the CLI, the benchmark and the tests know by name: each an Aparapi kernel that
 * runs on a chosen device ({@code opencl:N} or {@code jtp}), in a problem family ({@link ProblemFamilies})
 * that gives its problem, its reference and the plain-Java baseline it is compared with.
 */
public final class JavaKernels {
  /** A lesson kernel by name: its family, what it teaches, and how to bind it to a problem and a device. */
  public record Entry(String name, ProblemFamily<?> family, String teaches, Factory factory) {
    /** The sizes it takes: its family's extents (attention runs without the causal mask). */
    public List<String> sizeNames() {
      return family.extentNames();
    }

    public KernelCase create(int[] sizes, long seed, AparapiDevice device) {
      family.requireExtents(name, sizes);
      return factory.create(sizes, seed, device);
    }
  }

  /** Builds a kernel case from its sizes, a seed and the device to run on. */
  @FunctionalInterface
  public interface Factory {
    KernelCase create(int[] sizes, long seed, AparapiDevice device);
  }

  private static final List<Entry> ENTRIES =
      List.of(
          entry("vector_add", ProblemFamilies.VECTOR_ADD, "the global id, and the bounds guard for the last partial work-group",
              VectorCases::vectorAdd),
          entry("copy", ProblemFamilies.COPY, "bandwidth: one read and one write per element, nothing else",
              VectorCases::copy),
          entry("matmul_naive", ProblemFamilies.MATMUL, "one work-item per output, x walking down rows: uncoalesced",
              MatmulCases::naive),
          entry("matmul_coalesced", ProblemFamilies.MATMUL, "the same with x along columns: neighbours read neighbours",
              MatmulCases::coalesced),
          entry("matmul_tiled", ProblemFamilies.MATMUL, "16×16 tiles of A and B staged in local (shared) memory",
              MatmulCases::tiled),
          entry("matmul_blocktile_2d", ProblemFamilies.MATMUL, "each work-item computes 4×4 outputs from registers",
              MatmulCases::blockTiled),
          entry("softmax_naive", ProblemFamilies.SOFTMAX, "one work-item per row, three passes (max, sum, write)",
              SoftmaxCases::naive),
          entry("softmax_online", ProblemFamilies.SOFTMAX, "running max and sum in one pass (Milakov & Gimelshein)",
              SoftmaxCases::online),
          entry("softmax_workgroup", ProblemFamilies.SOFTMAX, "a work-group per row, tree reductions in local memory",
              SoftmaxCases::workGroup),
          entry("attention_naive", ProblemFamilies.ATTENTION, "three kernels with the seq×seq scores stored in between",
              AttentionCases::naive),
          entry("attention_fused", ProblemFamilies.ATTENTION, "one work-item per query row, online softmax, no scores stored",
              AttentionCases::fused),
          entry("attention_flash", ProblemFamilies.ATTENTION, "tiles of K and V shared through local memory (flash-style)",
              AttentionCases::flash),
          entry("transpose_naive", ProblemFamilies.TRANSPOSE, "reads along rows, writes rows apart: half the accesses coalesced",
              TransposeCases::naive),
          entry("transpose_tiled", ProblemFamilies.TRANSPOSE, "a 16×16 tile turned in local memory, +1 column against bank conflicts",
              TransposeCases::tiled),
          entry("transpose_tiled_unpadded", ProblemFamilies.TRANSPOSE, "the same tile without its padding column: columns read from one bank",
              TransposeCases::tiledUnpadded),
          entry("dot_workgroup", ProblemFamilies.DOT, "one work-group strides over x·y and adds its partials with a tree in local memory",
              DotCases::workGroup),
          entry("histogram_workgroup", ProblemFamilies.HISTOGRAM, "one work-group counts into local memory with atomicAdd, then copies out",
              HistogramCases::workGroup),
          entry("scan_kogge_stone", ProblemFamilies.SCAN, "one work-group walks the array: Kogge–Stone per tile, a carry between tiles",
              ScanCases::koggeStone),
          entry("conv1d_naive", ProblemFamilies.CONV1D, "one work-item per output, every tap read from global memory",
              Conv1dCases::naive),
          entry("conv1d_tiled", ProblemFamilies.CONV1D, "a tile of x and its halo cells staged in local memory",
              Conv1dCases::tiled));

  private JavaKernels() {}

  public static List<Entry> all() {
    return ENTRIES;
  }

  public static Optional<Entry> find(String name) {
    return ENTRIES.stream().filter(e -> e.name().equalsIgnoreCase(name)).findFirst();
  }

  /**
   * The kernel with this name.
   *
   * @throws IllegalArgumentException "unknown kernel 'NAME'; the kernels are: ..." when there is none
   */
  public static Entry require(String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException("unknown kernel '" + name
        + "'; the kernels are: " + ENTRIES.stream().map(Entry::name).collect(Collectors.joining(", "))));
  }

  /** The entries of one family, in lesson order. */
  public static List<Entry> of(ProblemFamily<?> family) {
    return ENTRIES.stream().filter(e -> e.family() == family).toList();
  }

  /** The families that have lesson kernels, in lesson order. */
  public static List<ProblemFamily<?>> families() {
    return ENTRIES.stream().<ProblemFamily<?>>map(Entry::family).distinct().toList();
  }

  private static <P extends Problem> Entry entry(
      String name, ProblemFamily<P> family, String teaches, BiFunction<P, AparapiDevice, KernelCase> bind) {
    return new Entry(name, family, teaches, (sizes, seed, device) -> bind.apply(family.javaProblem(sizes, seed), device));
  }
}
