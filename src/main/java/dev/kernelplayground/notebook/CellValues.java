package dev.kernelplayground.notebook;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands a cell's value from JShell to the kernel as the object itself, not JShell's string of it, so a
 * check report can show as HTML and a chart as a PNG. The in-process engine loads this class through the
 * kernel's own class loader, so both sides see the same slots: one per shell (the learner's, the javac
 * warm-up's, another notebook's in the same JVM), named by the number the snippet passes.
 */
public final class CellValues {
  /** What {@link #take} answers when nothing was held since the last take. */
  static final Object NOTHING = new Object();

  private static final Object NULL = new Object();
  private static final AtomicInteger SHELLS = new AtomicInteger();
  private static final Map<Integer, Object> HELD = new ConcurrentHashMap<>();

  private CellValues() {}

  /** A new shell's slot number. */
  static int newSlot() {
    return SHELLS.incrementAndGet();
  }

  /**
   * Holds the value in the shell's slot and returns it: the initializer of the declaration an expression runs as
   * ({@code Object $kpValue = CellValues.keep(1, 1 + i);}, see {@link JavaCells}).
   */
  public static Object keep(int slot, Object value) {
    HELD.put(slot, value == null ? NULL : value);
    return value;
  }

  /** The value last held in the slot ({@link #NOTHING} for none, null for null), and forgets it. */
  static Object take(int slot) {
    Object value = HELD.remove(slot);
    return value == null ? NOTHING : value == NULL ? null : value;
  }
}
