package dev.kernelplayground.lessonkernels.attention;

import com.aparapi.Kernel;
import dev.kernelplayground.aparapi.Grid;

/**
 * Flash-style attention: a work-group of {@link #ROWS} query rows walks the keys one tile of {@link #KEYS}
 * at a time, with the tile of K and V staged in local memory and the softmax computed online per tile.
 *
 * <p>What it teaches (Dao et al., FlashAttention, 2022): in {@link FusedAttentionKernel} every query row
 * reads all of K and V from global memory by itself. Here the group loads each tile of K and V once, all
 * its work-items helping, and then all {@link #ROWS} rows use it from local memory: ROWS times less
 * global traffic for K and V. Per tile, each work-item computes its row's scores for the tile's keys
 * (kept in local memory), takes the tile's maximum, rescales its running sum and output row ONCE by
 * e^(m − m') and adds Σ_j e^(s_j − m')·v_j. The output row and the query row live in local memory here,
 * standing in for the registers a CUDA kernel with a fixed head size would use. Rows past the end of the
 * sequence and keys past the end or behind the causal mask still take part in every load and barrier
 * but contribute nothing. Under the causal mask the group stops after the tile holding its last row.
 */
public final class FlashAttentionKernel extends Kernel {
  /** Query rows per work-group (one work-item each). */
  public static final int ROWS = 16;
  /** Keys per tile of K and V. */
  public static final int KEYS = 16;

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

  @Local private final float[] queryRows;
  @Local private final float[] keyTile;
  @Local private final float[] valueTile;
  @Local private final float[] outputRows;
  @Local private final float[] scoreTile = new float[ROWS * KEYS];

  public FlashAttentionKernel(
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
    this.queryRows = new float[ROWS * dim];
    this.keyTile = new float[KEYS * dim];
    this.valueTile = new float[KEYS * dim];
    this.outputRows = new float[ROWS * dim];
  }

  /** The launch: x over query rows in groups of {@link #ROWS}, y over the (batch, head) pairs. */
  public Grid grid() {
    return Grid.twoD(seq, problems, ROWS, 1);
  }

  @Override
  public void run() {
    int lane = getLocalId(0);
    int firstRow = getGroupId(0) * ROWS;
    int i = firstRow + lane;
    int headBase = getGlobalId(1) * seq * dim;
    int mine = lane * dim;
    boolean rowInside = i < seq;
    for (int d = 0; d < dim; d++) {
      queryRows[mine + d] = rowInside ? q[headBase + i * dim + d] : 0f;
      outputRows[mine + d] = 0f;
    }
    float runningMax = LOWEST;
    float runningSum = 0f;
    int keyEnd = causal == 1 ? min(seq, firstRow + ROWS) : seq;
    for (int k0 = 0; k0 < keyEnd; k0 += KEYS) {
      for (int load = lane; load < KEYS * dim; load += ROWS) {
        int j = k0 + load / dim;
        int d = load % dim;
        keyTile[load] = j < seq ? k[headBase + j * dim + d] : 0f;
        valueTile[load] = j < seq ? v[headBase + j * dim + d] : 0f;
      }
      localBarrier();
      if (rowInside) {
        float tileMax = LOWEST;
        for (int jj = 0; jj < KEYS; jj++) {
          float s = 0f;
          for (int d = 0; d < dim; d++) {
            s += queryRows[mine + d] * keyTile[jj * dim + d];
          }
          s *= scale;
          scoreTile[lane * KEYS + jj] = s;
          if (counts(k0 + jj, i)) {
            tileMax = max(tileMax, s);
          }
        }
        float newMax = max(runningMax, tileMax);
        float rescale = exp(runningMax - newMax);
        runningSum *= rescale;
        for (int d = 0; d < dim; d++) {
          outputRows[mine + d] *= rescale;
        }
        for (int jj = 0; jj < KEYS; jj++) {
          if (counts(k0 + jj, i)) {
            float p = exp(scoreTile[lane * KEYS + jj] - newMax);
            runningSum += p;
            for (int d = 0; d < dim; d++) {
              outputRows[mine + d] += p * valueTile[jj * dim + d];
            }
          }
        }
        runningMax = newMax;
      }
      localBarrier();
    }
    if (rowInside) {
      for (int d = 0; d < dim; d++) {
        out[headBase + i * dim + d] = outputRows[mine + d] / runningSum;
      }
    }
  }

  /** Whether key j is part of query row i's softmax: inside the sequence and not behind the mask. */
  private boolean counts(int j, int i) {
    return j < seq && (causal == 0 || j <= i);
  }
}
