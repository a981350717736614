package dev.kernelplayground.reference;

import java.util.Arrays;
import java.util.Objects;

/**
 * Float64 reference for scaled-dot-product attention, per (batch, head):
 * {@code out = softmax(scale·Q·Kᵀ + mask)·V}, where the causal mask removes every key {@code j > i} from
 * query row i. See {@link AttentionShape} for the layout and {@link AttentionResult} for what it returns.
 *
 * <p>Softmax subtracts each row's maximum score before exponentiating, so large scores cannot overflow. Query
 * rows of all (batch, head) pairs run in parallel. K is transposed (per pair) and V converted to double once,
 * one small array per row, so both inner loops are stride-1 loops that HotSpot C2 vectorizes.
 */
public final class AttentionReference {
  /** Query rows per parallel chunk. */
  static final int ROWS_PER_CHUNK = 16;

  /** Below this many multiply-adds the whole computation runs on the calling thread. */
  static final long PARALLEL_THRESHOLD = 1L << 18;

  private AttentionReference() {}

  /** Attention with the default scale {@code 1/sqrt(headDim)}. */
  public static AttentionResult compute(
      float[] q, float[] k, float[] v, AttentionShape shape, boolean causal) {
    Objects.requireNonNull(shape, "shape must not be null");
    return compute(q, k, v, shape, causal, shape.defaultScale());
  }

  /** Attention with an explicit (finite) softmax scale applied to {@code Q·Kᵀ}. */
  public static AttentionResult compute(
      float[] q, float[] k, float[] v, AttentionShape shape, boolean causal, double scale) {
    Objects.requireNonNull(shape, "shape must not be null");
    if (!Double.isFinite(scale)) {
      throw new IllegalArgumentException("scale must be finite but is " + scale);
    }
    int[] dims = shape.dims();
    Inputs.requireLength("q", q, AttentionShape.LABEL, dims);
    Inputs.requireLength("k", k, AttentionShape.LABEL, dims);
    Inputs.requireLength("v", v, AttentionShape.LABEL, dims);
    Inputs.requireFinite("q", q, AttentionShape.AXES, dims);
    Inputs.requireFinite("k", k, AttentionShape.AXES, dims);
    Inputs.requireFinite("v", v, AttentionShape.AXES, dims);

    int seqLen = shape.seqLen();
    int headDim = shape.headDim();
    double[][] kT = columnsPerProblem(k, shape);
    double[][] vRows = rowsOf(v, headDim);
    double[] out = new double[q.length];
    double[] absScale = new double[q.length];

    int queryRows = shape.problems() * seqLen;
    long work = (long) queryRows * seqLen * headDim;
    int chunk = work < PARALLEL_THRESHOLD ? queryRows : ROWS_PER_CHUNK;
    Parallel.forRange(queryRows, chunk, (row0, row1) -> {
      Scratch scratch = new Scratch(seqLen, headDim);
      for (int row = row0; row < row1; row++) {
        int problem = row / seqLen;
        int i = row % seqLen;
        int keys = causal ? i + 1 : seqLen;
        queryRow(q, kT, vRows, problem, i, keys, shape, scale, scratch);
        System.arraycopy(scratch.out, 0, out, row * headDim, headDim);
        System.arraycopy(scratch.absScale, 0, absScale, row * headDim, headDim);
      }
    });
    return new AttentionResult(shape, out, absScale);
  }

  /** Per-chunk work rows; every inner loop indexes its arrays from 0, which lets C2 vectorize it. */
  private static final class Scratch {
    final double[] scores;
    final double[] out;
    final double[] absScale;

    Scratch(int seqLen, int headDim) {
      scores = new double[seqLen];
      out = new double[headDim];
      absScale = new double[headDim];
    }
  }

  /** K in double, transposed per (batch, head): {@code kT[problem*headDim + d][j] = k[problem][j][d]}. */
  private static double[][] columnsPerProblem(float[] k, AttentionShape shape) {
    int seqLen = shape.seqLen();
    int headDim = shape.headDim();
    double[][] kT = new double[shape.problems() * headDim][seqLen];
    for (int problem = 0; problem < shape.problems(); problem++) {
      int base = problem * seqLen * headDim;
      for (int j = 0; j < seqLen; j++) {
        for (int d = 0; d < headDim; d++) {
          kT[problem * headDim + d][j] = k[base + j * headDim + d];
        }
      }
    }
    return kT;
  }

  /** {@code x} in double, one array per row of {@code cols} elements. */
  private static double[][] rowsOf(float[] x, int cols) {
    double[][] rows = new double[x.length / cols][cols];
    for (int r = 0; r < rows.length; r++) {
      for (int c = 0; c < cols; c++) {
        rows[r][c] = x[r * cols + c];
      }
    }
    return rows;
  }

  /** Row i of one (batch, head) problem, attending to keys {@code [0, keys)}, into {@code scratch}. */
  private static void queryRow(float[] q, double[][] kT, double[][] vRows, int problem, int i, int keys,
      AttentionShape shape, double scale, Scratch scratch) {
    int seqLen = shape.seqLen();
    int headDim = shape.headDim();
    double[] scores = scratch.scores;
    Arrays.fill(scores, 0, keys, 0.0);
    int qRow = (problem * seqLen + i) * headDim;
    for (int d = 0; d < headDim; d++) {
      double qd = q[qRow + d];
      double[] kd = kT[problem * headDim + d];
      for (int j = 0; j < keys; j++) {
        scores[j] += qd * kd[j];
      }
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < keys; j++) {
      scores[j] *= scale;
      max = Math.max(max, scores[j]);
    }
    double sum = 0;
    for (int j = 0; j < keys; j++) {
      scores[j] = Math.exp(scores[j] - max);
      sum += scores[j];
    }
    double[] out = scratch.out;
    double[] absScale = scratch.absScale;
    Arrays.fill(out, 0.0);
    Arrays.fill(absScale, 0.0);
    for (int j = 0; j < keys; j++) {
      double p = scores[j] / sum;
      double[] v = vRows[problem * seqLen + j];
      for (int d = 0; d < headDim; d++) {
        out[d] += p * v[d];
        absScale[d] += p * Math.abs(v[d]);
      }
    }
  }
}
