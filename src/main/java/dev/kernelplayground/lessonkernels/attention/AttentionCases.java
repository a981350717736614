package dev.kernelplayground.lessonkernels.attention;

import com.aparapi.Kernel;
import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.aparapi.Grid;
import dev.kernelplayground.aparapi.AparapiLaunch;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.lessonkernels.AparapiCase;
import dev.kernelplayground.problem.AttentionProblem;
import dev.kernelplayground.reference.AttentionShape;
import dev.kernelplayground.run.KernelCase;
import java.util.function.Function;
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
    return oneKernel("attention_fused", p, FusedAttentionKernel::new, FusedAttentionKernel::grid, device);
  }

  public static KernelCase flash(AttentionProblem p, AparapiDevice device) {
    return oneKernel("attention_flash", p, FlashAttentionKernel::new, FlashAttentionKernel::grid, device);
  }

  /** The constructor every one-kernel attention has: q, k, v, out, the shape, the scale and the causal switch. */
  @FunctionalInterface
  private interface AttentionKernel<K extends Kernel> {
    K make(float[] q, float[] k, float[] v, float[] out, int problems, int seq, int dim, float scale, boolean causal);
  }

  private static <K extends Kernel> KernelCase oneKernel(
      String name, AttentionProblem p, AttentionKernel<K> make, Function<K, Grid> grid, AparapiDevice device) {
    AttentionShape s = p.shape();
    return AparapiCase.of(
        name,
        p,
        out -> make.make(p.q(), p.k(), p.v(), out, s.problems(), s.seqLen(), s.headDim(), p.scale(), p.causal()),
        grid,
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
