package dev.kernelplayground.notebook;

/**
 * Hands a cell's value from JShell to the kernel as the object itself, not JShell's string of it, so a
 * check report can show as HTML and a chart as a PNG. The in-process engine loads this class through the
 * kernel's own class loader, so both sides see one static slot.
 */
public final class CellValues {
  private static Object held;

  private CellValues() {}

  /** Called from a snippet the kernel evaluates: {@code CellValues.hold($3)}. */
  public static synchronized void hold(Object value) {
    held = value;
  }

  /** The value last held, and forgets it. */
  static synchronized Object take() {
    Object value = held;
    held = null;
    return value;
  }
}
