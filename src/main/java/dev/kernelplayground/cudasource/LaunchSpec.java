package dev.kernelplayground.cudasource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to launch one kernel of a file, as its header says: the function name, the arguments in order, and grid,
 * block and dynamic shared memory as expressions over the problem's sizes. {@link #evaluate} turns them into
 * numbers for one problem and checks them against CUDA's limits.
 *
 * @param file the kernel file, for error messages
 * @param line the header line of {@code @kp kernel:}
 * @param kernelName the {@code __global__} function's name
 * @param args the arguments in the order the kernel takes them
 * @param grid three expressions: grid x, y, z
 * @param block three expressions: block x, y, z
 * @param dynamicShared bytes of dynamic shared memory
 * @param gridLine header line of {@code @kp grid:}; likewise blockLine and smemLine
 */
public record LaunchSpec(
    Path file,
    int line,
    String kernelName,
    List<KernelArg> args,
    List<SizeExpression> grid,
    List<SizeExpression> block,
    SizeExpression dynamicShared,
    int gridLine,
    int blockLine,
    int smemLine) {

  private static final long MAX_GRID_X = Integer.MAX_VALUE;
  private static final long MAX_GRID_YZ = 65_535;
  private static final int MAX_BLOCK_THREADS = 1024;
  private static final int[] MAX_BLOCK = {1024, 1024, 64};

  public LaunchSpec {
    args = List.copyOf(args);
    grid = List.copyOf(grid);
    block = List.copyOf(block);
  }

  /**
   * Grid, block and dynamic shared memory for these sizes.
   *
   * @throws HeaderException naming the header line when an expression fails or a dimension breaks CUDA's limits
   */
  public LaunchDims evaluate(Map<String, ? extends Number> sizes) {
    long[] g = new long[3];
    long[] b = new long[3];
    for (int i = 0; i < 3; i++) {
      g[i] = whole(grid.get(i), sizes, gridLine, "grid");
      b[i] = whole(block.get(i), sizes, blockLine, "block");
      String axis = "xyz".substring(i, i + 1);
      long maxGrid = i == 0 ? MAX_GRID_X : MAX_GRID_YZ;
      if (g[i] < 1 || g[i] > maxGrid) {
        throw new HeaderException(file, gridLine, "grid " + axis + " = " + grid.get(i) + " is " + g[i] + " for "
            + sizes + "; it must be 1.." + maxGrid);
      }
      if (b[i] < 1 || b[i] > MAX_BLOCK[i]) {
        throw new HeaderException(file, blockLine, "block " + axis + " = " + block.get(i) + " is " + b[i]
            + "; it must be 1.." + MAX_BLOCK[i]);
      }
    }
    long threads = b[0] * b[1] * b[2];
    if (threads > MAX_BLOCK_THREADS) {
      throw new HeaderException(file, blockLine, "a block of " + threads + " threads exceeds CUDA's limit of "
          + MAX_BLOCK_THREADS);
    }
    long smem = whole(dynamicShared, sizes, smemLine, "smem");
    if (smem < 0 || smem > Integer.MAX_VALUE) {
      throw new HeaderException(file, smemLine, "smem = " + dynamicShared + " is " + smem + " bytes");
    }
    return new LaunchDims((int) g[0], (int) g[1], (int) g[2], (int) b[0], (int) b[1], (int) b[2], (int) smem);
  }

  private long whole(SizeExpression e, Map<String, ? extends Number> sizes, int at, String what) {
    try {
      return e.evaluateWhole(sizes);
    } catch (IllegalArgumentException ex) {
      throw new HeaderException(file, at, what + ": " + ex.getMessage());
    }
  }

  /** The argument with this name, if any. */
  public java.util.Optional<KernelArg> arg(String name) {
    return args.stream().filter(a -> a.name().equals(name)).findFirst();
  }
}
