package dev.kernelplayground.lessonkernels.attention;

/** The argument check the attention kernels share: q, k, v and out of batch·heads·seq·dim floats. */
final class AttentionShapes {
  private AttentionShapes() {}

  static void require(float[] q, float[] k, float[] v, float[] out, int problems, int seq, int dim) {
    if (problems < 1 || seq < 1 || dim < 1) {
      throw new IllegalArgumentException(
          String.format("attention sizes must be positive, got %d (batch·heads) × %d × %d", problems, seq, dim));
    }
    long elements = (long) problems * seq * dim;
    if (q.length != elements || k.length != elements || v.length != elements || out.length != elements) {
      throw new IllegalArgumentException(
          String.format(
              "attention of %d (batch·heads) × seq %d × dim %d needs q, k, v and out of %d floats; got %d, %d, %d and %d",
              problems, seq, dim, elements, q.length, k.length, v.length, out.length));
    }
  }
}
