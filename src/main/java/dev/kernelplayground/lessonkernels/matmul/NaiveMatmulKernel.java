package dev.kernelplayground.lessonkernels.matmul;

import com.aparapi.Kernel;
import dev.kernelplayground.aparapi.Grid;

/**
 * C = A·B (row-major, A m×k, B k×n), one work-item per element of C, with the work-items numbered the
 * "wrong" way round.
 *
 * <p>What it teaches: the first dimension of the launch, {@code getGlobalId(0)} (CUDA's
 * {@code threadIdx.x}), is the one whose neighbours run together. Here it walks down the ROWS of C, so
 * neighbouring work-items read A's rows k floats apart and write C n floats apart: every access of a
 * warp lands in a different memory segment. Same arithmetic as {@link CoalescedMatmulKernel}, same
 * result — compare their speed to see what the access pattern alone costs.
 */
public final class NaiveMatmulKernel extends Kernel {
  /** Work-group edge: GROUP×GROUP work-items. */
  public static final int GROUP = 16;

  private final float[] a;
  private final float[] b;
  private final float[] c;
  private final int m;
  private final int n;
  private final int k;

  public NaiveMatmulKernel(float[] a, float[] b, float[] c, int m, int n, int k) {
    MatmulShapes.require(a, b, c, m, n, k);
    this.a = a;
    this.b = b;
    this.c = c;
    this.m = m;
    this.n = n;
    this.k = k;
  }

  /** The launch: x over the rows of C, y over its columns, rounded up to whole groups. */
  public Grid grid() {
    return Grid.twoD(m, n, GROUP, GROUP);
  }

  @Override
  public void run() {
    int row = getGlobalId(0);
    int col = getGlobalId(1);
    if (row < m && col < n) {
      float acc = 0f;
      for (int i = 0; i < k; i++) {
        acc += a[row * k + i] * b[i * n + col];
      }
      c[row * n + col] = acc;
    }
  }
}
