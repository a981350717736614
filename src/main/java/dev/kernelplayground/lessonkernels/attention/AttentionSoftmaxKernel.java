package dev.kernelplayground.lessonkernels.attention;

import com.aparapi.Kernel;
import dev.kernelplayground.aparapi.Grid;

/**
 * Naive attention, kernel 2 of 3: softmax of each row of scores, in place, one work-item per row. Under the
 * causal mask row i covers keys 0..i only and the rest become probability 0. See {@link NaiveAttention}.
 */
public final class AttentionSoftmaxKernel extends Kernel {
  /** Work-items (rows) per work-group. */
  public static final int GROUP = 64;

  private final float[] scores;
  private final int rows;
  private final int seq;
  private final int causal;

  AttentionSoftmaxKernel(float[] scores, int rows, int seq, boolean causal) {
    this.scores = scores;
    this.rows = rows;
    this.seq = seq;
    this.causal = causal ? 1 : 0;
  }

  /** The launch: one work-item per row of scores. */
  Grid grid() {
    return Grid.oneD(rows, GROUP);
  }

  @Override
  public void run() {
    int row = getGlobalId();
    if (row < rows) {
      int base = row * seq;
      int keys = causal == 1 ? row % seq + 1 : seq;
      float rowMax = scores[base];
      for (int j = 1; j < keys; j++) {
        rowMax = max(rowMax, scores[base + j]);
      }
      float sum = 0f;
      for (int j = 0; j < keys; j++) {
        float p = exp(scores[base + j] - rowMax);
        scores[base + j] = p;
        sum += p;
      }
      for (int j = 0; j < seq; j++) {
        scores[base + j] = j < keys ? scores[base + j] / sum : 0f;
      }
    }
  }
}
