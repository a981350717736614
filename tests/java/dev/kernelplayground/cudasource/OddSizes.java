package dev.kernelplayground.cudasource;

import dev.kernelplayground.problem.ProblemFamily;
import dev.kernelplayground.problem.ReferenceCheck;
import java.util.Map;

/** The problem families' odd sizes (multiples of no tile) as a header's named sizes, for binding kernels/ files. */
public final class OddSizes {
  private OddSizes() {}

  /** Small odd sizes: a CPU reference computes them in milliseconds. */
  public static Map<String, Integer> small(ReferenceCheck check) {
    ProblemFamily<?> family = check.family();
    return family.named(family.tests().small());
  }

  /** Odd sizes big enough to cross many tiles and blocks on a GPU, one of {@link ProblemFamily#gpuChecks()}. */
  public static Map<String, Integer> gpu(ReferenceCheck check, int variant) {
    ProblemFamily<?> family = check.family();
    return family.named(family.gpuChecks().get(variant));
  }
}
