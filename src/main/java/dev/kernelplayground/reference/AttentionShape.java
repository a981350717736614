package dev.kernelplayground.reference;

/**
 * The dimensions of a scaled-dot-product attention problem. Q, K, V and the output all hold
 * {@code batch×heads×seqLen×headDim} floats laid out row-major as {@code [batch][head][seq][dim]}.
 *
 * @param batch independent sequences
 * @param heads attention heads per sequence
 * @param seqLen tokens per sequence (queries and keys alike)
 * @param headDim features per head
 */
public record AttentionShape(int batch, int heads, int seqLen, int headDim) {
  /** Axis names used in messages about a tensor of this shape. */
  static final String[] AXES = {"batch", "head", "seq", "dim"};

  /** Label of the element count in messages. */
  static final String LABEL = "batch×heads×seqLen×headDim";

  public AttentionShape {
    Inputs.requirePositive("batch", batch);
    Inputs.requirePositive("heads", heads);
    Inputs.requirePositive("seqLen", seqLen);
    Inputs.requirePositive("headDim", headDim);
    Inputs.elementCount(LABEL, batch, heads, seqLen, headDim);
  }

  /** Elements of each of Q, K, V and the output. */
  public int elements() {
    return batch * heads * seqLen * headDim;
  }

  /** Number of (batch, head) pairs, each an independent attention problem. */
  public int problems() {
    return batch * heads;
  }

  /** The default softmax scale {@code 1/sqrt(headDim)}. */
  public double defaultScale() {
    return 1.0 / Math.sqrt(headDim);
  }

  int[] dims() {
    return new int[] {batch, heads, seqLen, headDim};
  }
}
