package dev.kernelplayground.emulator;

/** A CUDA launch dimension (grid or block): x, y and z, each at least 1, as {@code dim3} in CUDA C. */
public record Dim3(int x, int y, int z) {
  public Dim3 {
    if (x < 1 || y < 1 || z < 1) {
      throw new IllegalArgumentException("every dimension must be at least 1, got (" + x + ", " + y + ", " + z + ")");
    }
  }

  public static Dim3 of(int x) {
    return new Dim3(x, 1, 1);
  }

  public static Dim3 of(int x, int y) {
    return new Dim3(x, y, 1);
  }

  public static Dim3 of(int x, int y, int z) {
    return new Dim3(x, y, z);
  }

  /** The number of blocks (for a grid) or threads (for a block): x·y·z. */
  public long count() {
    return (long) x * y * z;
  }

  @Override
  public String toString() {
    return "(" + x + "," + y + "," + z + ")";
  }
}
