package dev.kernelplayground.lessonkernels.attention;

import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.aparapi.AparapiLaunch;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.lessonkernels.AparapiCase;
import dev.kernelplayground.problem.AttentionProblem;
import dev.kernelplayground.reference.AttentionShape;
import dev.kernelplayground.run.KernelCase;
import java.util.stream.IntStream;

/** The attention lesson kernels and the plain-Java baseline, bound to a problem. */
public final class AttentionCases {
  private AttentionCases() {}

  public static KernelCase naive(AttentionProblem p, AparapiDevice device) {
    AttentionShape s = p.shape();
    return AparapiCase.of(
        "attention_naive",
        p,
        AparapiLaunch.reusing(
            out ->
                new NaiveAttention(
                    p.q(), p.k(), p.v(), out, s.problems(), s.seqLen(), s.headDim(), p.scale(), p.causal()),
            naive -> naive.run(device),
            NaiveAttention::kernels,
            NaiveAttention::dispose),
        1);
  }

  public static KernelCase fused(AttentionProblem p, AparapiDevice device) {
    AttentionShape s = p.shape();
    return AparapiCase.of(
        "attention_fused",
        p,
        out ->
            new FusedAttentionKernel(
                p.q(), p.k(), p.v(), out, s.problems(), s.seqLen(), s.headDim(), p.scale(), p.causal()),
        FusedAttentionKernel::grid,
        1,
        device);
  }

  public static KernelCase flash(AttentionProblem p, AparapiDevice device) {
    AttentionShape s = p.shape();
    return AparapiCase.of(
        "attention_flash",
        p,
        out ->
            new FlashAttentionKernel(
                p.q(), p.k(), p.v(), out, s.problems(), s.seqLen(), s.headDim(), p.scale(), p.causal()),
        FlashAttentionKernel::grid,
        1,
        device);
  }

  /** Per query row: scores, softmax, weighted sum of values, in fp32 loops; rows in parallel. */
  public static KernelCase plainJava(AttentionProblem p) {
    AttentionShape s = p.shape();
    return AparapiCase.plainJava(
        "attention",
        p,
        out -> {
          IntStream.range(0, s.problems() * s.seqLen())
              .parallel()
              .forEach(row -> attendRow(p, out, row, new float[s.seqLen()]));
          return ExecutionTarget.plainJavaLoops();
        });
  }

  private static void attendRow(AttentionProblem p, float[] out, int queryRow, float[] scores) {
    int seq = p.shape().seqLen();
    int dim = p.shape().headDim();
    int i = queryRow % seq;
    int headBase = (queryRow - i) * dim;
    int keys = p.causal() ? i + 1 : seq;
    float rowMax = -Float.MAX_VALUE;
    for (int j = 0; j < keys; j++) {
      float s = 0f;
      for (int d = 0; d < dim; d++) {
        s += p.q()[queryRow * dim + d] * p.k()[headBase + j * dim + d];
      }
      scores[j] = s * p.scale();
      rowMax = Math.max(rowMax, scores[j]);
    }
    float sum = 0f;
    for (int j = 0; j < keys; j++) {
      scores[j] = (float) Math.exp(scores[j] - rowMax);
      sum += scores[j];
    }
    for (int d = 0; d < dim; d++) {
      float acc = 0f;
      for (int j = 0; j < keys; j++) {
        acc += scores[j] * p.v()[headBase + j * dim + d];
      }
      out[queryRow * dim + d] = acc / sum;
    }
  }
}
