package dev.kernelplayground.aparapi;

import com.aparapi.Range;
import com.aparapi.device.Device;

/**
 * A kernel launch's shape: the global size (rounded up to whole work-groups) and the work-group size, in
 * one or two dimensions. Kernels guard the work-items past their data themselves.
 *
 * @param globalX work-items along x, a multiple of {@code localX}
 * @param globalY work-items along y (1 for a 1-D launch), a multiple of {@code localY}
 * @param localX work-group size along x
 * @param localY work-group size along y (1 for a 1-D launch)
 */
public record Grid(int globalX, int globalY, int localX, int localY) {
  public Grid {
    if (localX < 1 || localY < 1 || globalX < 1 || globalY < 1) {
      throw new IllegalArgumentException("grid sizes must be positive: " + this);
    }
    if (globalX % localX != 0 || globalY % localY != 0) {
      throw new IllegalArgumentException("global size must be whole work-groups: " + this);
    }
  }

  /** n work-items (at least one group), rounded up to whole groups of {@code group}. */
  public static Grid oneD(int n, int group) {
    return new Grid(roundUp(n, group), 1, group, 1);
  }

  /** x × y work-items, each rounded up to whole groups of localX × localY. */
  public static Grid twoD(int x, int y, int localX, int localY) {
    return new Grid(roundUp(x, localX), roundUp(y, localY), localX, localY);
  }

  boolean is2D() {
    return globalY > 1 || localY > 1;
  }

  Range toRange(Device device) {
    return is2D()
        ? Range.create2D(device, globalX, globalY, localX, localY)
        : Range.create(device, globalX, localX);
  }

  private static int roundUp(int n, int group) {
    return Math.max(1, (n + group - 1) / group) * group;
  }
}
