package dev.kernelplayground.cudasource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to launch one kernel of a file, as its header says: the function name, the arguments in order, and grid,
 * block and dynamic shared memory as expressions over the problem's sizes. {@link #evaluate} turns them into
 * numbers for one problem and checks them against CUDA's limits ({@link LaunchDims#violation}), naming the
 * header line that breaks one.
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
    List<KernelParam> args,
    List<SizeExpression> grid,
    List<SizeExpression> block,
    SizeExpression dynamicShared,
    int gridLine,
    int blockLine,
    int smemLine) {

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
    }
    LaunchDims.violation(g, b).ifPresent(broken -> {
      String axis = broken.axis() < 0 ? "" : "xyz".substring(broken.axis(), broken.axis() + 1);
      throw switch (broken.limit()) {
        case GRID -> new HeaderException(file, gridLine, "grid " + axis + " = " + grid.get(broken.axis()) + " is "
            + broken.value() + " for " + sizes + "; it must be 1.." + broken.max());
        case BLOCK -> new HeaderException(file, blockLine, "block " + axis + " = " + block.get(broken.axis()) + " is "
            + broken.value() + "; it must be 1.." + broken.max());
        case THREADS -> new HeaderException(file, blockLine, "a block of " + broken.value()
            + " threads exceeds CUDA's limit of " + broken.max());
      };
    });
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
}
