package dev.kernelplayground.kernels;

import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.kernels.attention.AttentionCases;
import dev.kernelplayground.kernels.matmul.MatmulCases;
import dev.kernelplayground.kernels.softmax.SoftmaxCases;
import dev.kernelplayground.kernels.vector.VectorCases;
import dev.kernelplayground.problem.AttentionProblem;
import dev.kernelplayground.problem.CopyProblem;
import dev.kernelplayground.problem.MatmulProblem;
import dev.kernelplayground.problem.SoftmaxProblem;
import dev.kernelplayground.problem.VectorAddProblem;
import dev.kernelplayground.reference.AttentionShape;
import dev.kernelplayground.run.KernelCase;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The Java lesson kernels the CLI, the benchmark and the tests know by name: each an Aparapi kernel that
 * runs on a chosen device ({@code opencl:N} or {@code jtp}), grouped in families that share a problem, a
 * reference, and a plain-Java baseline.
 */
public final class JavaKernels {
  /** A family: the problem its kernels solve, the names of its sizes, and its plain-Java loops. */
  public enum Family {
    VECTOR_ADD("vector_add", List.of("n")),
    COPY("copy", List.of("n")),
    MATMUL("matmul", List.of("m", "n", "k")),
    SOFTMAX("softmax", List.of("rows", "cols")),
    ATTENTION("attention", List.of("batch", "heads", "seq", "dim"));

    private final String id;
    private final List<String> sizeNames;

    Family(String id, List<String> sizeNames) {
      this.id = id;
      this.sizeNames = sizeNames;
    }

    public String id() {
      return id;
    }

    public List<String> sizeNames() {
      return sizeNames;
    }

    /** The family's plain-Java loops on the problem of these sizes: the baseline the kernels beat or not. */
    public KernelCase plainJava(int[] sizes, long seed) {
      requireSizes(id, sizeNames, sizes);
      return switch (this) {
        case VECTOR_ADD -> VectorCases.vectorAddPlainJava(VectorAddProblem.random(sizes[0], seed));
        case COPY -> VectorCases.copyPlainJava(CopyProblem.random(sizes[0], seed));
        case MATMUL -> MatmulCases.plainJava(matmul(sizes, seed));
        case SOFTMAX -> SoftmaxCases.plainJava(softmax(sizes, seed));
        case ATTENTION -> AttentionCases.plainJava(attention(sizes, seed));
      };
    }
  }

  /** A lesson kernel by name: its family, what it teaches, and how to bind it to a problem and a device. */
  public record Entry(String name, Family family, String teaches, Factory factory) {
    public List<String> sizeNames() {
      return family.sizeNames();
    }

    public KernelCase create(int[] sizes, long seed, AparapiDevice device) {
      requireSizes(name, family.sizeNames(), sizes);
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
          entry("vector_add", Family.VECTOR_ADD, "the global id, and the bounds guard for the last partial work-group",
              (s, seed) -> VectorAddProblem.random(s[0], seed), VectorCases::vectorAdd),
          entry("copy", Family.COPY, "bandwidth: one read and one write per element, nothing else",
              (s, seed) -> CopyProblem.random(s[0], seed), VectorCases::copy),
          entry("matmul_naive", Family.MATMUL, "one work-item per output, x walking down rows: uncoalesced",
              JavaKernels::matmul, MatmulCases::naive),
          entry("matmul_coalesced", Family.MATMUL, "the same with x along columns: neighbours read neighbours",
              JavaKernels::matmul, MatmulCases::coalesced),
          entry("matmul_tiled", Family.MATMUL, "16×16 tiles of A and B staged in local (shared) memory",
              JavaKernels::matmul, MatmulCases::tiled),
          entry("matmul_blocktile_2d", Family.MATMUL, "each work-item computes 4×4 outputs from registers",
              JavaKernels::matmul, MatmulCases::blockTiled),
          entry("softmax_naive", Family.SOFTMAX, "one work-item per row, three passes (max, sum, write)",
              JavaKernels::softmax, SoftmaxCases::naive),
          entry("softmax_online", Family.SOFTMAX, "running max and sum in one pass (Milakov & Gimelshein)",
              JavaKernels::softmax, SoftmaxCases::online),
          entry("softmax_workgroup", Family.SOFTMAX, "a work-group per row, tree reductions in local memory",
              JavaKernels::softmax, SoftmaxCases::workGroup),
          entry("attention_naive", Family.ATTENTION, "three kernels with the seq×seq scores stored in between",
              JavaKernels::attention, AttentionCases::naive),
          entry("attention_fused", Family.ATTENTION, "one work-item per query row, online softmax, no scores stored",
              JavaKernels::attention, AttentionCases::fused),
          entry("attention_flash", Family.ATTENTION, "tiles of K and V shared through local memory (flash-style)",
              JavaKernels::attention, AttentionCases::flash));

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
  public static List<Entry> of(Family family) {
    return ENTRIES.stream().filter(e -> e.family() == family).toList();
  }

  /** The problem a family's kernels solve, drawn from the sizes and the seed. */
  private interface ProblemMaker<P> {
    P make(int[] sizes, long seed);
  }

  private static <P> Entry entry(
      String name, Family family, String teaches, ProblemMaker<P> problem, BiFunction<P, AparapiDevice, KernelCase> bind) {
    return new Entry(name, family, teaches, (sizes, seed, device) -> bind.apply(problem.make(sizes, seed), device));
  }

  private static MatmulProblem matmul(int[] s, long seed) {
    return MatmulProblem.random(s[0], s[1], s[2], seed);
  }

  private static SoftmaxProblem softmax(int[] s, long seed) {
    return SoftmaxProblem.random(s[0], s[1], seed);
  }

  /** Attention sizes are batch×heads×seq×dim; the CLI's kernels run without the causal mask. */
  private static AttentionProblem attention(int[] s, long seed) {
    return AttentionProblem.random(new AttentionShape(s[0], s[1], s[2], s[3]), false, seed);
  }

  private static void requireSizes(String what, List<String> names, int[] sizes) {
    if (sizes.length != names.size()) {
      throw new IllegalArgumentException(
          what + " takes " + names.size() + " size" + (names.size() == 1 ? "" : "s")
              + " (" + String.join("×", names) + "), got " + sizes.length);
    }
  }
}
