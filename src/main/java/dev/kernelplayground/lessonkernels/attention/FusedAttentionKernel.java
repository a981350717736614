package dev.kernelplayground.lessonkernels.attention;

import com.aparapi.Kernel;
import dev.kernelplayground.aparapi.Grid;

/**
 * Attention fused into one kernel: one work-item per query row, the softmax computed online, the scores
 * never stored.
 *
 * <p>What it teaches: the online softmax of {@code OnlineSoftmaxKernel} works on a stream of scores,
 * so a work-item can walk the keys once: score s = scale·q·k_j, new maximum m' = max(m, s), rescale what
 * it has so far by e^(m − m') — both the running sum l and the running output row — and add e^(s − m')·v_j.
 * At the end it divides the row by l. Memory traffic drops from seq² scores per head to just Q, K, V and
 * the output. The output row itself is the accumulator, so the kernel first zeroes it (a fresh output
 * buffer may hold anything). What it does not fix: every work-item reads all of K and V from global
 * memory on its own — {@link FlashAttentionKernel} shares them through local memory.
 */
public final class FusedAttentionKernel extends Kernel {
  /** Work-items (query rows) per work-group. */
  public static final int GROUP = 64;

  /** A running maximum below every real score: e^(LOWEST − s) is exactly 0. */
  private static final float LOWEST = -3.0e38f;

  private final float[] q;
  private final float[] k;
  private final float[] v;
  private final float[] out;
  private final int problems;
  private final int seq;
  private final int dim;
  private final float scale;
  private final int causal;

  public FusedAttentionKernel(
      float[] q, float[] k, float[] v, float[] out, int problems, int seq, int dim, float scale, boolean causal) {
    AttentionShapes.require(q, k, v, out, problems, seq, dim);
    this.q = q;
    this.k = k;
    this.v = v;
    this.out = out;
    this.problems = problems;
    this.seq = seq;
    this.dim = dim;
    this.scale = scale;
    this.causal = causal ? 1 : 0;
  }

  /** The launch: one work-item per query row of every (batch, head) pair. */
  public Grid grid() {
    return Grid.oneD(problems * seq, GROUP);
  }

  @Override
  public void run() {
    int queryRow = getGlobalId();
    if (queryRow < problems * seq) {
      int i = queryRow % seq;
      int headBase = (queryRow - i) * dim;
      int rowBase = queryRow * dim;
      int keys = causal == 1 ? i + 1 : seq;
      for (int d = 0; d < dim; d++) {
        out[rowBase + d] = 0f;
      }
      float runningMax = LOWEST;
      float runningSum = 0f;
      for (int j = 0; j < keys; j++) {
        float s = 0f;
        for (int d = 0; d < dim; d++) {
          s += q[rowBase + d] * k[headBase + j * dim + d];
        }
        s *= scale;
        float newMax = max(runningMax, s);
        float rescale = exp(runningMax - newMax);
        float p = exp(s - newMax);
        runningSum = runningSum * rescale + p;
        for (int d = 0; d < dim; d++) {
          out[rowBase + d] = out[rowBase + d] * rescale + p * v[headBase + j * dim + d];
        }
        runningMax = newMax;
      }
      for (int d = 0; d < dim; d++) {
        out[rowBase + d] = out[rowBase + d] / runningSum;
      }
    }
  }
}
