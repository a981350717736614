package dev.kernelplayground.cudasource;

import java.util.Map;

/** Problem sizes that are multiples of no tile, for binding and running every file of kernels/. */
public final class OddSizes {
  private OddSizes() {}

  /** Small odd sizes: a CPU reference computes them in milliseconds. */
  public static Map<String, Integer> small(ReferenceCheck check) {
    return switch (check) {
      case VECTOR_ADD -> Map.of("n", 1003);
      case COPY -> Map.of("n", 1001);
      case MATMUL, MATMUL_FP16 -> Map.of("m", 37, "n", 29, "k", 19);
      case SOFTMAX -> Map.of("rows", 13, "cols", 47);
      case ATTENTION, ATTENTION_FP16 -> Map.of("batch", 2, "heads", 3, "seq", 19, "dim", 24, "causal", 1);
    };
  }

  /** Odd sizes big enough to cross many tiles and blocks on a GPU; {@code causal} alternates with the variant. */
  public static Map<String, Integer> gpu(ReferenceCheck check, int variant) {
    return switch (check) {
      case VECTOR_ADD, COPY -> Map.of("n", variant == 0 ? 1_000_003 : 65_537);
      case MATMUL, MATMUL_FP16 -> variant == 0 ? Map.of("m", 333, "n", 517, "k", 259)
          : Map.of("m", 1031, "n", 129, "k", 77);
      case SOFTMAX -> variant == 0 ? Map.of("rows", 333, "cols", 1031) : Map.of("rows", 77, "cols", 4099);
      case ATTENTION, ATTENTION_FP16 -> variant == 0
          ? Map.of("batch", 2, "heads", 3, "seq", 177, "dim", 64, "causal", 1)
          : Map.of("batch", 1, "heads", 5, "seq", 301, "dim", 40, "causal", 0);
    };
  }
}
