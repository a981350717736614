package dev.kernelplayground.kernels;

import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.problem.MatmulProblem;
import dev.kernelplayground.problem.VectorAddProblem;
import dev.kernelplayground.run.KernelCase;
import dev.kernelplayground.threads.BlockGrid;
import java.util.List;
import java.util.Optional;

/** The Java kernels the CLI can run by name, with the sizes each one takes. */
public final class JavaKernels {
  /** A kernel by name: what it teaches, the names of its sizes, and how to set it up. */
  public record Entry(String name, String teaches, List<String> sizeNames, Factory factory) {
    public KernelCase create(int[] sizes, long seed, BlockGrid grid) {
      if (sizes.length != sizeNames.size()) {
        throw new IllegalArgumentException(
            name + " takes " + sizeNames.size() + " size" + (sizeNames.size() == 1 ? "" : "s")
                + " (" + String.join("×", sizeNames) + "), got " + sizes.length);
      }
      return factory.create(sizes, seed, grid);
    }
  }

  /** Builds a kernel case from its sizes, a seed and the thread grid. */
  @FunctionalInterface
  public interface Factory {
    KernelCase create(int[] sizes, long seed, BlockGrid grid);
  }

  private static final List<Entry> ENTRIES =
      List.of(
          new Entry(
              "vector_add",
              "the grid, and the bounds check for a size that is not a multiple of the block",
              List.of("n"),
              JavaKernels::vectorAdd),
          new Entry(
              "matmul_tiled",
              "2-D tiles of C with A and B tiles staged in local (shared) memory",
              List.of("m", "n", "k"),
              JavaKernels::tiledMatmul));

  private JavaKernels() {}

  public static List<Entry> all() {
    return ENTRIES;
  }

  public static Optional<Entry> find(String name) {
    return ENTRIES.stream().filter(e -> e.name().equalsIgnoreCase(name)).findFirst();
  }

  public static KernelCase vectorAdd(int[] sizes, long seed, BlockGrid grid) {
    VectorAddProblem p = VectorAddProblem.random(sizes[0], seed);
    return KernelCase.wallClockTimed(
        "vector_add", p, out -> VectorAdd.run(grid, p.a(), p.b(), out), 1, Precision.FP32);
  }

  public static KernelCase tiledMatmul(int[] sizes, long seed, BlockGrid grid) {
    MatmulProblem p = MatmulProblem.random(sizes[0], sizes[1], sizes[2], seed);
    return KernelCase.wallClockTimed(
        "matmul_tiled",
        p,
        out -> TiledMatmul.run(grid, p.a(), p.b(), out, p.m(), p.n(), p.k()),
        TiledMatmul.TILE,
        Precision.FP32);
  }
}
