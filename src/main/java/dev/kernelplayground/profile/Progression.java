package dev.kernelplayground.profile;

import dev.kernelplayground.ada.GpuSpec;
import dev.kernelplayground.ada.TrafficBound;
import java.util.List;

/**
 * The versions of one kernels/ family profiled at one size, side by side: each version's counts and the lower bound
 * they give on a GPU.
 *
 * @param family e.g. "matmul"
 * @param size e.g. "m=1536, n=1536, k=32"
 * @param gpu the GPU the bounds are for
 * @param versions in file order
 */
public record Progression(String family, String size, GpuSpec gpu, List<Version> versions) {
  /** One file of the family: its version ("05_blocktile_2d"), what it counted (one profile per kernel it launches). */
  public record Version(String version, List<KernelProfile> profiles) {
    /** The bound of the whole file: its kernels run one after another, so their bounds add up. */
    public double boundSeconds(GpuSpec gpu) {
      return profiles.stream().mapToDouble(p -> TrafficBound.of(p.traffic(), gpu).seconds()).sum();
    }

    /** A term summed over the file's kernels. */
    public double term(GpuSpec gpu, TrafficBound.Limiter term) {
      return profiles.stream().mapToDouble(p -> TrafficBound.of(p.traffic(), gpu).terms().get(term)).sum();
    }

    /** The limiters of the file's kernels, e.g. "shared" or "l1+dram+l1" for three kernels. */
    public String limiters(GpuSpec gpu) {
      return String.join("+", profiles.stream().map(p -> TrafficBound.of(p.traffic(), gpu).limiter().key()).toList());
    }

    /** All lines of one op over the file's kernels. */
    public LineCounts total(AccessOp op) {
      LineCounts sum = new LineCounts("", 0, "", op, 0, 0, 0, 0, 0, 0);
      for (KernelProfile p : profiles) {
        sum = sum.plus(p.total(op));
      }
      return sum;
    }
  }
}
