package dev.kernelplayground.reference;

/**
 * The float64 reference output of scaled-dot-product attention and the error-bound scale of each element,
 * both laid out like the inputs, {@code [batch][head][seq][dim]}.
 *
 * <p>For query row i and feature d: {@code out = Σ_j p_ij·v_jd} and {@code absScale = Σ_j p_ij·|v_jd|}, where
 * {@code p_ij} are the softmax probabilities (zero for masked keys). The arrays are shared, not copied.
 *
 * @param shape the problem's dimensions
 * @param out the attention output
 * @param absScale the probability-weighted sum of {@code |V|} behind each output element
 */
public record AttentionResult(AttentionShape shape, double[] out, double[] absScale) {
  public AttentionResult {
    if (out.length != shape.elements() || absScale.length != shape.elements()) {
      throw new IllegalArgumentException("out has " + out.length + " and absScale " + absScale.length
          + " elements but " + AttentionShape.LABEL + " = " + shape.elements());
    }
  }
}
