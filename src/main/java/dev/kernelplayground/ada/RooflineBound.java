package dev.kernelplayground.ada;

import java.util.Locale;

/** Which roof caps a kernel on the roofline: DRAM bandwidth or arithmetic throughput. */
public enum RooflineBound {
  /** Below the ridge point: the kernel moves too few FLOPs per byte to keep the arithmetic units busy. */
  MEMORY,
  /** At or above the ridge point: the arithmetic units are the ceiling. */
  COMPUTE;

  /** "memory-bound" or "compute-bound": the roof that binds, named as the roofline model names it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT) + "-bound";
  }
}
