package dev.kernelplayground.cudasource;

import dev.kernelplayground.check.OutputLayout;
import dev.kernelplayground.check.Tile;
import dev.kernelplayground.problem.Problem;
import dev.kernelplayground.problem.ReferenceCheck;
import dev.kernelplayground.reference.LowPrecision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A kernel file bound to one problem, for any backend: the problem its header's check names (random inputs
 * from a seed, the float64 reference, the work), and the launches to run in order with every argument
 * resolved ({@link KernelArg}) — which input buffer (and whether it holds {@code float} or {@code __half}), the
 * output, the scratch buffers shared between launches, and the scalar values. A backend allocates {@link #buffers()},
 * uploads {@link #inputValues} and runs {@link #launches()} in order; the output then goes to the checker.
 *
 * <pre>{@code
 * KernelSource source = KernelSource.load(Path.of("kernels/attention/01_naive.cu"));
 * BoundKernel bound = BoundKernel.bind(source,
 *     Map.of("batch", 2, "heads", 3, "seq", 177, "dim", 40, "causal", 1), seed);
 * bound.launches();   // attention_scores, attention_softmax, attention_pv, sharing "scores"
 * }</pre>
 *
 * @param source the kernel file
 * @param sizes the sizes, in the check's order
 * @param problem the problem the output is checked against
 * @param launches the kernels to run, in file order
 */
public record BoundKernel(KernelSource source, Map<String, Integer> sizes, Problem problem, List<BoundLaunch> launches) {
  public BoundKernel {
    sizes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sizes));
    launches = List.copyOf(launches);
  }

  /**
   * Binds {@code source} to a problem at {@code sizes} (the header's size names; attention's {@code causal} is
   * 0 or 1) with inputs drawn from {@code seed}.
   *
   * @throws HeaderException naming the file and header line when a size is missing or unknown, an argument
   *     names an input the problem does not have, an expression fails at these sizes, or the launch breaks
   *     CUDA's limits
   * @throws IllegalArgumentException when the problem cannot be made (too big for this JVM, ...)
   */
  public static BoundKernel bind(KernelSource source, Map<String, ? extends Number> sizes, long seed) {
    return KernelBinder.bind(source, sizes, seed);
  }

  /** The check the header names. */
  public ReferenceCheck check() {
    return source.header().check();
  }

  /** "matmul/05_blocktile_2d". */
  public String id() {
    return source.id();
  }

  /** Every buffer the launches use, each once (a scratch buffer shared by launches appears once), in first use order. */
  public List<KernelArg.Buffer> buffers() {
    Map<String, KernelArg.Buffer> byName = new LinkedHashMap<>();
    for (BoundLaunch launch : launches) {
      for (KernelArg arg : launch.args()) {
        if (arg instanceof KernelArg.Buffer buffer) {
          byName.putIfAbsent(buffer.name(), buffer);
        }
      }
    }
    return List.copyOf(byName.values());
  }

  /** The scratch buffers ({@link KernelArg.Access#IN_OUT}), each once. */
  public List<KernelArg.Buffer> scratchBuffers() {
    return buffers(KernelArg.Access.IN_OUT);
  }

  /** The input buffers ({@link KernelArg.Access#IN}), each once, in first use order. */
  public List<KernelArg.Buffer> inputBuffers() {
    return buffers(KernelArg.Access.IN);
  }

  private List<KernelArg.Buffer> buffers(KernelArg.Access access) {
    return buffers().stream().filter(b -> b.access() == access).toList();
  }

  /**
   * The values the device buffer of input {@code name} must hold, in a new array: the problem's floats, or,
   * for an {@code __half} buffer, those floats rounded to fp16 ({@link LowPrecision#toHalf(float[])}).
   */
  public float[] inputValues(String name) {
    KernelArg.Buffer input = input(name);
    float[] values = problem.inputs().get(name);
    return input.element() == ElementType.HALF ? LowPrecision.toHalf(values) : values.clone();
  }

  /** The fp16 bit patterns of an {@code __half} input (each in the low 16 bits of a short), as uploaded. */
  public short[] inputHalfBits(String name) {
    KernelArg.Buffer input = input(name);
    if (input.element() != ElementType.HALF) {
      throw new IllegalArgumentException(id() + ": input '" + name + "' holds float, not __half");
    }
    float[] values = problem.inputs().get(name);
    short[] bits = new short[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = (short) LowPrecision.halfBits(values[i]);
    }
    return bits;
  }

  private KernelArg.Buffer input(String name) {
    return inputBuffers().stream().filter(b -> b.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(id() + " has no input buffer '" + name + "'; it has "
            + inputBuffers().stream().map(KernelArg.Buffer::name).toList()));
  }

  /**
   * The part of the output one block computes, read from the header's launch that writes {@code out}: a grid
   * dimension {@code cdiv(e, T)} whose e is the output's column count (its row count) gives tiles T columns
   * (rows) wide; an axis no grid dimension covers that way gets 1. matmul/05 ({@code grid: cdiv(n, 128),
   * cdiv(m, 128), 1}) computes 128 × 128 tiles of its m × n output, though its blocks have 256 threads; a
   * vector kernel's {@code cdiv(n, 256)} gives one-row tiles of 256. When rows and cols are the same number,
   * a bare size name decides: the check's last output size is the columns.
   */
  public Tile outputTile() {
    int writer = -1;
    for (int i = 0; i < launches.size(); i++) {
      if (launches.get(i).args().stream()
          .anyMatch(a -> a instanceof KernelArg.Buffer b && b.access() == KernelArg.Access.OUT)) {
        writer = i;
      }
    }
    if (writer < 0) {
      return Tile.NONE;
    }
    OutputLayout layout = problem.expected().layout();
    String colsName = check().sizeNames().get(Math.min(layout.rank(), check().sizeNames().size()) - 1);
    int tileRows = 1;
    int tileCols = 1;
    for (SizeExpression dimension : source.header().launches().get(writer).grid()) {
      Optional<SizeExpression.Cdiv> cdiv = dimension.asCdiv();
      if (cdiv.isEmpty() || cdiv.get().per() > Integer.MAX_VALUE) {
        continue;
      }
      double covered = cdiv.get().covered().evaluate(sizes); // the binder evaluated the grid: this works
      boolean cols = covered == layout.cols();
      boolean rows = covered == layout.rows() && layout.rows() > 1;
      if (cols && rows) {
        cols = cdiv.get().covered().text().equals(colsName);
        rows = !cols;
      }
      if (cols && tileCols == 1) {
        tileCols = (int) cdiv.get().per();
      } else if (rows && tileRows == 1) {
        tileRows = (int) cdiv.get().per();
      }
    }
    return new Tile(tileRows, tileCols);
  }

  /** "matmul/08_wmma_fp16 on matmul 37×29×19 (m×n×k), seed 7: 1 launch". */
  public String describe() {
    return id() + " on " + problem.describe() + ", seed " + problem.seed() + ": " + launches.size()
        + (launches.size() == 1 ? " launch" : " launches");
  }
}
