package dev.kernelplayground.lessonkernels.attention;

import com.aparapi.Kernel;
import dev.kernelplayground.aparapi.Grid;

/**
 * Naive attention, kernel 1 of 3: every score s_ij = scale · q_i · k_j into a seq×seq matrix per (batch,
 * head). Under the causal mask the scores with j &gt; i are not needed and written as 0. See
 * {@link NaiveAttention}.
 */
public final class AttentionScoresKernel extends Kernel {
  /** Work-group edge: GROUP×GROUP work-items. */
  public static final int GROUP = 16;

  private final float[] q;
  private final float[] k;
  private final float[] scores;
  private final int problems;
  private final int seq;
  private final int dim;
  private final float scale;
  private final int causal;

  AttentionScoresKernel(float[] q, float[] k, float[] scores, int problems, int seq, int dim, float scale, boolean causal) {
    this.q = q;
    this.k = k;
    this.scores = scores;
    this.problems = problems;
    this.seq = seq;
    this.dim = dim;
    this.scale = scale;
    this.causal = causal ? 1 : 0;
  }

  /** The launch: x over keys j, y over all query rows of all (batch, head) pairs. */
  Grid grid() {
    return Grid.twoD(seq, problems * seq, GROUP, GROUP);
  }

  @Override
  public void run() {
    int j = getGlobalId(0);
    int queryRow = getGlobalId(1);
    if (j < seq && queryRow < problems * seq) {
      int i = queryRow % seq;
      int keyBase = (queryRow - i + j) * dim;
      float s = 0f;
      if (causal == 0 || j <= i) {
        for (int d = 0; d < dim; d++) {
          s += q[queryRow * dim + d] * k[keyBase + d];
        }
        s *= scale;
      }
      scores[queryRow * seq + j] = s;
    }
  }
}
