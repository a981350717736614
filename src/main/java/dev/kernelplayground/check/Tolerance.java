package dev.kernelplayground.check;

import dev.kernelplayground.reference.AttentionResult;
import dev.kernelplayground.reference.AttentionShape;
import dev.kernelplayground.reference.MatmulResult;
import dev.kernelplayground.reference.SumsResult;
import java.util.function.IntToLongFunction;

/**
 * Turns a float64 reference into {@link Expected} bounds: how far a correct kernel's output may be from
 * the reference, element by element, given its number format and the length of its reductions.
 *
 * <p>The rule (docs/checking.md explains it with examples). Let u be the unit roundoff of the
 * accumulator (2^-24 for fp32), u_in that of the inputs (0 for fp32 inputs), K a reduction's length, and
 * γ(K) = min(K·u / (1 − K·u), 8·√K·u): the smaller of the worst-case bound for a sum of K terms in any
 * order (Higham, Accuracy and Stability of Numerical Algorithms, §3.1) and the probabilistic bound with
 * λ = 8 (Higham &amp; Mary 2019), which a correct kernel exceeds with probability below 1e-13 per element.
 *
 * <ul>
 *   <li>Elementwise (vector add): |out − ref| ≤ u·|ref| — one rounding.
 *   <li>Copy: bit exact.
 *   <li>Matmul, out_ij = Σ_k a_ik·b_kj with S_ij = Σ_k |a_ik·b_kj|: |out − ref| ≤ (2·u_in + u_in² + γ(K))·S_ij
 *       + u·|ref|. The bound scales with S, not with |ref|, because cancellation can make |ref| tiny
 *       while the rounding errors stay of the size of the terms.
 *   <li>Sums (scan, conv1d), out_i a sum of K_i terms with S_i = Σ|term|: |out − ref| ≤ γ(K_i)·S_i + u·|ref|,
 *       whatever the order of the additions (a scan's tree or a filter's loop).
 *   <li>Softmax over rows of n: |out − ref| ≤ ((2·e + 3)·u + γ(n))·|ref| + u·max(row), with e the
 *       error of exp in ulps (2 for expf).
 *   <li>Attention: the scores' error δs = γ(d)·scale·Σ_d|q_id|·max|k| moves each probability by a
 *       relative (e^{2δs} − 1) at most; with A = Σ_j p_ij·|v_jd|: |out − ref| ≤ (e^{2δs} − 1 + (2·e + 3)·u
 *       + 2·γ(S))·A + u·|ref|.
 * </ul>
 *
 * Every bound also allows {@link Float#MIN_NORMAL} so that flushing subnormals to zero is not an error.
 */
public final class Tolerance {
  /** The λ of the probabilistic rounding-error bound. */
  public static final double LAMBDA = 8;

  /** Error of expf in ulps (CUDA C Programming Guide, Mathematical Functions: expf, 2 ulp). */
  public static final double EXP_ULPS = 2;

  private static final double FLOOR = Float.MIN_NORMAL;

  private Tolerance() {}

  /** γ(K): the relative error bound for a K-term sum in unit roundoff u. */
  public static double gamma(long terms, double u) {
    double worstCase = terms * u < 1 ? terms * u / (1 - terms * u) : Double.POSITIVE_INFINITY;
    return Math.min(worstCase, LAMBDA * Math.sqrt(terms) * u);
  }

  public static Expected exact(double[] reference, OutputLayout layout) {
    return new Expected(layout, reference, new double[reference.length], "bit exact (a copy)");
  }

  /** One rounding per element, as in c = a + b. */
  public static Expected elementwise(double[] reference, OutputLayout layout, Arithmetic arithmetic) {
    double u = arithmetic.accumulateRoundoff();
    double[] bounds = new double[reference.length];
    for (int i = 0; i < bounds.length; i++) {
      bounds[i] = u * Math.abs(reference[i]) + FLOOR;
    }
    return new Expected(
        layout, reference, bounds, "one rounding: |out − ref| ≤ u·|ref|, u = " + roundoff(u));
  }

  public static Expected matmul(MatmulResult reference, int k, Arithmetic arithmetic) {
    double u = arithmetic.accumulateRoundoff();
    double uIn = arithmetic.inputRoundoff();
    double perTerm = 2 * uIn + uIn * uIn + gamma(k, u);
    double[] values = reference.values();
    double[] absSum = reference.absSum();
    double[] bounds = new double[values.length];
    for (int i = 0; i < bounds.length; i++) {
      bounds[i] = perTerm * absSum[i] + u * Math.abs(values[i]) + FLOOR;
    }
    String rule =
        String.format(
            "dot products of K = %d in %s: |out − ref| ≤ %.3g·Σ|a·b| + u·|ref|  (γ(K) = %.3g)",
            k, arithmetic.label(), perTerm, gamma(k, u));
    return new Expected(
        OutputLayout.matrix(reference.m(), reference.n()), values, bounds, rule);
  }

  /**
   * Outputs that are sums of terms in any order (a prefix sum, a convolution), one rounding for a product in
   * each term included in γ.
   *
   * @param terms how many terms output i sums, e.g. i + 1 for an inclusive scan
   * @param what the sums in words, for the rule, e.g. "prefix sums"
   */
  public static Expected sums(SumsResult reference, IntToLongFunction terms, OutputLayout layout, String what, Arithmetic arithmetic) {
    double u = arithmetic.accumulateRoundoff();
    double[] values = reference.values();
    double[] absSums = reference.absSums();
    double[] bounds = new double[values.length];
    for (int i = 0; i < bounds.length; i++) {
      bounds[i] = gamma(terms.applyAsLong(i) + 1, u) * absSums[i] + u * Math.abs(values[i]) + FLOOR;
    }
    return new Expected(layout, values, bounds,
        what + " in " + arithmetic.label() + ", in any order: |out − ref| ≤ γ(K + 1)·Σ|term| + u·|ref|, K terms");
  }

  public static Expected softmax(double[] reference, int rows, int cols, Arithmetic arithmetic) {
    double u = arithmetic.accumulateRoundoff();
    double relative = (2 * EXP_ULPS + 3) * u + gamma(cols, u);
    double[] bounds = new double[reference.length];
    for (int r = 0; r < rows; r++) {
      double rowMax = 0;
      for (int c = 0; c < cols; c++) {
        rowMax = Math.max(rowMax, reference[r * cols + c]);
      }
      for (int c = 0; c < cols; c++) {
        int i = r * cols + c;
        bounds[i] = relative * Math.abs(reference[i]) + u * rowMax + FLOOR;
      }
    }
    String rule =
        String.format(
            "softmax over rows of %d in %s: |out − ref| ≤ %.3g·|ref| + u·max(row)",
            cols, arithmetic.label(), relative);
    return new Expected(OutputLayout.matrix(rows, cols), reference, bounds, rule);
  }

  /** Bounds for attention with the given scale (1/√d by default in the reference). */
  public static Expected attention(
      AttentionResult reference, float[] q, float[] k, double scale, Arithmetic arithmetic) {
    AttentionShape shape = reference.shape();
    int d = shape.headDim();
    int s = shape.seqLen();
    double u = arithmetic.accumulateRoundoff();
    double uIn = arithmetic.inputRoundoff();
    double softmaxRelative = (2 * EXP_ULPS + 3) * u + 2 * gamma(s, u);
    double[] out = reference.out();
    double[] absScale = reference.absScale();
    double[] bounds = new double[out.length];
    int heads = shape.batch() * shape.heads();
    for (int bh = 0; bh < heads; bh++) {
      int base = bh * s * d;
      double maxAbsK = 0;
      for (int i = base; i < base + s * d; i++) {
        maxAbsK = Math.max(maxAbsK, Math.abs(k[i]));
      }
      for (int row = 0; row < s; row++) {
        double qNorm1 = 0;
        for (int c = 0; c < d; c++) {
          qNorm1 += Math.abs(q[base + row * d + c]);
        }
        double scoreError = (2 * uIn + gamma(d, u)) * Math.abs(scale) * qNorm1 * maxAbsK;
        double relative = Math.expm1(2 * scoreError) + softmaxRelative + 2 * uIn;
        for (int c = 0; c < d; c++) {
          int i = base + row * d + c;
          bounds[i] = relative * absScale[i] + u * Math.abs(out[i]) + FLOOR;
        }
      }
    }
    String rule =
        String.format(
            "attention (d = %d, seq = %d) in %s: score error γ(d)·scale·Σ|q|·max|k| moves p, "
                + "|out − ref| ≤ (e^{2δs} − 1 + %.3g)·Σ_j p·|v| + u·|ref|",
            d, s, arithmetic.label(), softmaxRelative);
    OutputLayout layout =
        OutputLayout.of("batch", shape.batch(), "head", shape.heads(), "seq", s, "dim", d);
    return new Expected(layout, out, bounds, rule);
  }

  private static String roundoff(double u) {
    return u == 0 ? "0" : "2^" + Math.getExponent(u);
  }
}
