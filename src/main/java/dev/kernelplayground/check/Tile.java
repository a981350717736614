package dev.kernelplayground.check;

/**
 * The part of the output one block of a kernel computes, as rows × cols of the output seen as a matrix
 * ({@link OutputLayout#rows()}, {@link OutputLayout#cols()}): the cell of the error map and the unit of the
 * edge hint. A tiled matmul's 32 × 32, a vector kernel's 1 × 256 (a vector is one row), 1 × 1 when the kernel
 * has no tile along either axis.
 */
public record Tile(int rows, int cols) {
  /** No tile: one element. */
  public static final Tile NONE = new Tile(1, 1);

  public Tile {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("a tile has at least one row and column, got " + rows + " × " + cols);
    }
  }

  /** An {@code edge} × {@code edge} tile; an edge below 1 means untiled. */
  public static Tile square(int edge) {
    return edge <= 1 ? NONE : new Tile(edge, edge);
  }

  /** Whether the kernel has a tile at all (more than one element). */
  public boolean tiled() {
    return rows > 1 || cols > 1;
  }

  /** "32" for a square tile, "256" for a one-row tile (a vector's), else "4 × 1" (rows × cols). */
  @Override
  public String toString() {
    return rows == cols || rows == 1 ? Integer.toString(cols) : rows + " × " + cols;
  }
}
