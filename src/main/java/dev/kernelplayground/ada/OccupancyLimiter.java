package dev.kernelplayground.ada;

/** A resource that can cap how many blocks of a kernel are resident on one SM at once. */
public enum OccupancyLimiter {
  /** Warp (thread) slots: 48 warps per SM on 8.9, and the 1024-thread block limit. */
  WARPS("warps (threads)"),
  /** Block slots: 24 resident blocks per SM on 8.9. */
  BLOCKS("block slots"),
  /** The register file: 65,536 registers per SM, split over 4 sub-partitions. */
  REGISTERS("registers"),
  /** The shared-memory carveout: up to 100 KB per SM. */
  SHARED_MEMORY("shared memory");

  private final String label;

  OccupancyLimiter(String label) {
    this.label = label;
  }

  /** Plain-words name, e.g. "shared memory". */
  public String label() {
    return label;
  }
}
