package dev.kernelplayground.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A copy of a kernel's inputs taken before it runs, to catch a kernel that writes into its inputs. */
public final class InputSnapshot {
  private final Map<String, float[]> live;
  private final Map<String, float[]> saved = new LinkedHashMap<>();

  private InputSnapshot(Map<String, float[]> inputs) {
    this.live = inputs;
    inputs.forEach((name, values) -> saved.put(name, values.clone()));
  }

  public static InputSnapshot of(Map<String, float[]> inputs) {
    return new InputSnapshot(inputs);
  }

  /** One line per input that changed since the snapshot: how many elements and the first index. */
  public List<String> changes() {
    List<String> changes = new ArrayList<>();
    saved.forEach(
        (name, before) -> {
          float[] after = live.get(name);
          int changed = 0;
          int first = -1;
          for (int i = 0; i < before.length; i++) {
            if (Float.floatToRawIntBits(before[i]) != Float.floatToRawIntBits(after[i])) {
              changed++;
              if (first < 0) {
                first = i;
              }
            }
          }
          if (changed > 0) {
            changes.add(
                String.format(
                    "input %s: %d element%s changed, first at index %d (%s → %s)",
                    name, changed, changed == 1 ? "" : "s", first, before[first], after[first]));
          }
        });
    return changes;
  }

  /** Puts the inputs back as they were, so one misbehaving kernel does not spoil the next run. */
  public void restore() {
    saved.forEach((name, before) -> System.arraycopy(before, 0, live.get(name), 0, before.length));
  }
}
