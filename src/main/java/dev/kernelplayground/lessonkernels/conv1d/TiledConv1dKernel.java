package dev.kernelplayground.lessonkernels.conv1d;

/**
 * out[i] = Σ_j w[j]·x[i + j − r], a work-group of {@link #GROUP} outputs staging the x they need in local
 * memory: its own GROUP elements plus r <b>halo</b> cells on each side, which belong to the neighbouring
 * groups' tiles.
 *
 * <p>What it teaches: the tile is GROUP + 2·r floats, loaded cooperatively (work-item t loads cells t,
 * t + GROUP, ... of it, so a load stays coalesced whatever r is), zeros where the tile hangs past either end
 * of x; then one barrier, and each work-item reads its 2·r + 1 inputs from local memory. Global x is read
 * (GROUP + 2·r) / GROUP times instead of 2·r + 1 times. The local tile has room for a radius up to
 * {@link #MAX_RADIUS}.
 */
public final class TiledConv1dKernel extends Conv1dKernel {
  /** The largest r the local tile holds: widths up to 2·MAX_RADIUS + 1 = 65. */
  public static final int MAX_RADIUS = 32;

  @Local private final float[] tile = new float[GROUP + 2 * MAX_RADIUS];

  public TiledConv1dKernel(float[] x, float[] w, float[] out) {
    super(x, w, out);
    if (w.length > 2 * MAX_RADIUS + 1) {
      throw new IllegalArgumentException(String.format(
          "conv1d_tiled holds a halo of up to %d cells a side in local memory: widths up to %d, got %d",
          MAX_RADIUS, 2 * MAX_RADIUS + 1, w.length));
    }
  }

  @Override
  public void run() {
    int t = getLocalId(0);
    int r = width / 2;
    int first = getGroupId(0) * GROUP - r; // the x index of tile[0]: r cells left of the group's outputs
    for (int c = t; c < GROUP + 2 * r; c += GROUP) {
      int at = first + c;
      tile[c] = at >= 0 && at < n ? x[at] : 0f;
    }
    localBarrier();
    int i = getGlobalId(0);
    if (i < n) {
      float sum = 0f;
      for (int j = 0; j < width; j++) {
        sum += w[j] * tile[t + j]; // x[i + j − r] is tile[i − first + j − r] = tile[t + j]
      }
      out[i] = sum;
    }
  }
}
