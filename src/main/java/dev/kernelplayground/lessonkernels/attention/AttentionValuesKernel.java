package dev.kernelplayground.lessonkernels.attention;

import com.aparapi.Kernel;
import dev.kernelplayground.aparapi.Grid;

/**
 * Naive attention, kernel 3 of 3: out_i = Σ_j p_ij · v_j, one work-item per output element. See
 * {@link NaiveAttention}.
 */
public final class AttentionValuesKernel extends Kernel {
  /** Work-group edge: GROUP×GROUP work-items. */
  public static final int GROUP = 16;

  private final float[] probabilities;
  private final float[] v;
  private final float[] out;
  private final int problems;
  private final int seq;
  private final int dim;
  private final int causal;

  AttentionValuesKernel(float[] probabilities, float[] v, float[] out, int problems, int seq, int dim, boolean causal) {
    this.probabilities = probabilities;
    this.v = v;
    this.out = out;
    this.problems = problems;
    this.seq = seq;
    this.dim = dim;
    this.causal = causal ? 1 : 0;
  }

  /** The launch: x over the head dimension, y over all query rows of all (batch, head) pairs. */
  Grid grid() {
    return Grid.twoD(dim, problems * seq, GROUP, GROUP);
  }

  @Override
  public void run() {
    int d = getGlobalId(0);
    int queryRow = getGlobalId(1);
    if (d < dim && queryRow < problems * seq) {
      int i = queryRow % seq;
      int valueBase = (queryRow - i) * dim;
      int keys = causal == 1 ? i + 1 : seq;
      float acc = 0f;
      for (int j = 0; j < keys; j++) {
        acc += probabilities[queryRow * seq + j] * v[valueBase + j * dim + d];
      }
      out[queryRow * dim + d] = acc;
    }
  }
}
