package dev.kernelplayground.check;

/**
 * The output cut into tiles, each holding how many of its elements failed and how badly: the picture in
 * which an indexing bug shows its pattern (one wrong tile column, the edge tiles, a diagonal...). The
 * output is seen as a matrix (see {@link OutputLayout#rows()}); tiles are the kernel's {@link Tile}, enlarged
 * when needed so the map has at most {@link #MAX_CELLS} cells a side.
 */
public final class TileErrorMap {
  public static final int MAX_CELLS = 64;

  private final Tile tile;
  private final int gridCols;
  private final int[] failures;
  private final int[] elements;
  private final double[] worstRatio;
  private final Mismatch.Kind[] worstKind;

  TileErrorMap(int rows, int cols, Tile tile) {
    this.tile =
        new Tile(Math.max(tile.rows(), Math.ceilDiv(rows, MAX_CELLS)), Math.max(tile.cols(), Math.ceilDiv(cols, MAX_CELLS)));
    this.gridCols = Math.ceilDiv(cols, this.tile.cols());
    int cells = Math.ceilDiv(rows, this.tile.rows()) * gridCols;
    this.failures = new int[cells];
    this.elements = new int[cells];
    this.worstRatio = new double[cells];
    this.worstKind = new Mismatch.Kind[cells];
  }

  /** Records one element: its error divided by its bound (infinite for NaN or unwritten), and its kind. */
  void record(int row, int col, double errorOverBound, Mismatch.Kind failedAs) {
    int cell = (row / tile.rows()) * gridCols + col / tile.cols();
    elements[cell]++;
    if (errorOverBound > worstRatio[cell] || Double.isNaN(errorOverBound)) {
      worstRatio[cell] = Double.isNaN(errorOverBound) ? Double.POSITIVE_INFINITY : errorOverBound;
    }
    if (failedAs != null) {
      failures[cell]++;
      if (worstKind[cell] == null || severity(failedAs) > severity(worstKind[cell])) {
        worstKind[cell] = failedAs;
      }
    }
  }

  private static int severity(Mismatch.Kind kind) {
    return switch (kind) {
      case WRONG_VALUE -> 1;
      case INFINITE -> 2;
      case NEVER_WRITTEN -> 3;
      case NAN -> 4;
    };
  }

  /**
   * The tile one cell of the map stands for: the kernel's own, or larger where the output has more than
   * {@link #MAX_CELLS} of them a side.
   */
  public Tile tile() {
    return tile;
  }

  /** Tiles down the output: the map's rows. */
  public int gridRows() {
    return elements.length / gridCols;
  }

  /** Tiles across the output: the map's columns. */
  public int gridCols() {
    return gridCols;
  }

  /** Failed elements in the tile at grid position (r, c). */
  public int failures(int r, int c) {
    return failures[r * gridCols + c];
  }

  /** Elements in the tile at grid position (r, c). */
  public int elements(int r, int c) {
    return elements[r * gridCols + c];
  }

  /** The tile's worst error as a multiple of its bound: below 1 passes. */
  public double worstRatio(int r, int c) {
    return worstRatio[r * gridCols + c];
  }

  /** The most serious way an element of the tile failed, or null when none did. */
  public Mismatch.Kind worstKind(int r, int c) {
    return worstKind[r * gridCols + c];
  }

  /** The character the text map shows for a tile. */
  public char symbol(int r, int c) {
    Mismatch.Kind kind = worstKind(r, c);
    if (kind == null) {
      return '.';
    }
    return switch (kind) {
      case WRONG_VALUE -> '#';
      case INFINITE, NAN -> 'N';
      case NEVER_WRITTEN -> '?';
    };
  }

  /** The map as text, one character a tile, with a legend. */
  public String toText() {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "error map: %d × %d tiles of %d × %d elements  (. ok   # wrong value   ? never written   N NaN/Inf)%n",
            gridRows(), gridCols, tile.rows(), tile.cols()));
    for (int r = 0; r < gridRows(); r++) {
      text.append("  ");
      for (int c = 0; c < gridCols; c++) {
        text.append(symbol(r, c));
      }
      text.append(System.lineSeparator());
    }
    return text.toString();
  }
}
