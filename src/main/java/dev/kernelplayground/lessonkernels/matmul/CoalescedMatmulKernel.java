package dev.kernelplayground.lessonkernels.matmul;

import com.aparapi.Kernel;
import dev.kernelplayground.aparapi.Grid;

/**
 * C = A·B (row-major, A m×k, B k×n), one work-item per element of C, numbered so that neighbours share a
 * row.
 *
 * <p>What it teaches: with {@code getGlobalId(0)} walking along the COLUMNS of C, the work-items that run
 * together read one element of A (the same for all of them: a broadcast), read B's row {@code i} at
 * consecutive addresses, and write consecutive elements of C. That is memory coalescing; the only change
 * from {@link NaiveMatmulKernel} is which index is x.
 */
public final class CoalescedMatmulKernel extends Kernel {
  /** Work-group edge: GROUP×GROUP work-items. */
  public static final int GROUP = 16;

  private final float[] a;
  private final float[] b;
  private final float[] c;
  private final int m;
  private final int n;
  private final int k;

  public CoalescedMatmulKernel(float[] a, float[] b, float[] c, int m, int n, int k) {
    MatmulShapes.require(a, b, c, m, n, k);
    this.a = a;
    this.b = b;
    this.c = c;
    this.m = m;
    this.n = n;
    this.k = k;
  }

  /** The launch: x over the columns of C, y over its rows, rounded up to whole groups. */
  public Grid grid() {
    return Grid.twoD(n, m, GROUP, GROUP);
  }

  @Override
  public void run() {
    int col = getGlobalId(0);
    int row = getGlobalId(1);
    if (row < m && col < n) {
      float acc = 0f;
      for (int i = 0; i < k; i++) {
        acc += a[row * k + i] * b[i * n + col];
      }
      c[row * n + col] = acc;
    }
  }
}
