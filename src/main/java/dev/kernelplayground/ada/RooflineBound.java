package dev.kernelplayground.ada;

/** Which roof caps a kernel on the roofline: DRAM bandwidth or arithmetic throughput. */
public enum RooflineBound {
  /** Below the ridge point: the kernel moves too few FLOPs per byte to keep the arithmetic units busy. */
  MEMORY("memory-bound"),
  /** At or above the ridge point: the arithmetic units are the ceiling. */
  COMPUTE("compute-bound");

  private final String label;

  RooflineBound(String label) {
    this.label = label;
  }

  /** "memory-bound" or "compute-bound". */
  public String label() {
    return label;
  }
}
