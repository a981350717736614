package dev.kernelplayground.lessonkernels.attention;

import com.aparapi.Kernel;
import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.aparapi.AparapiRunner;
import dev.kernelplayground.device.ExecutionTarget;
import java.util.List;

/**
 * Attention the way the formula reads: softmax(Q·Kᵀ·scale)·V as three kernels with the whole score matrix
 * in between.
 *
 * <p>What it teaches: {@link AttentionScoresKernel} writes all seq² scores of each (batch, head) to memory,
 * {@link AttentionSoftmaxKernel} reads them back and turns each row into probabilities, and
 * {@link AttentionValuesKernel} reads them a third time to weight the values. Simple and correct, but the
 * scores are seq×seq floats per head — 64 MiB per head at seq = 4096 — written once and read twice, so the
 * kernel is bound by memory traffic that the output (seq×dim) does not need. {@link FusedAttentionKernel}
 * and {@link FlashAttentionKernel} never store the scores.
 */
public final class NaiveAttention {
  private final AttentionScoresKernel scores;
  private final AttentionSoftmaxKernel softmax;
  private final AttentionValuesKernel values;

  /**
   * @param problems batch × heads
   * @param scale the factor on q·k, 1/√dim
   */
  public NaiveAttention(
      float[] q, float[] k, float[] v, float[] out, int problems, int seq, int dim, float scale, boolean causal) {
    AttentionShapes.require(q, k, v, out, problems, seq, dim);
    long scoreCount = (long) problems * seq * seq;
    if (scoreCount > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          String.format(
              "naive attention stores all %,d scores (batch·heads × seq²), more than a Java array holds;"
                  + " use attention_fused or attention_flash for seq = %d",
              scoreCount, seq));
    }
    float[] scratch = new float[(int) scoreCount];
    this.scores = new AttentionScoresKernel(q, k, scratch, problems, seq, dim, scale, causal);
    this.softmax = new AttentionSoftmaxKernel(scratch, problems * seq, seq, causal);
    this.values = new AttentionValuesKernel(scratch, v, out, problems, seq, dim, causal);
  }

  /** Runs the three kernels in order on {@code device}; each must run there. */
  public ExecutionTarget run(AparapiDevice device) {
    AparapiRunner.run(scores, scores.grid(), device);
    AparapiRunner.run(softmax, softmax.grid(), device);
    return AparapiRunner.run(values, values.grid(), device);
  }

  /** The three kernels in launch order. */
  public List<Kernel> kernels() {
    return List.of(scores, softmax, values);
  }

  public void dispose() {
    scores.dispose();
    softmax.dispose();
    values.dispose();
  }
}
