package dev.kernelplayground.emulator;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The order in which the emulator runs the threads of a block between barriers (and the lanes of a warp
 * between warp operations): {@code forward} (thread order), {@code reverse}, or {@code random:SEED} (a
 * permutation per block drawn from the seed and the block's index, so a run replays). A kernel whose result
 * changes with the schedule has an order bug: a race between its threads.
 */
public record Schedule(Order order, long seed) {
  public enum Order { FORWARD, REVERSE, RANDOM }

  public static final Schedule FORWARD = new Schedule(Order.FORWARD, 0);
  public static final Schedule REVERSE = new Schedule(Order.REVERSE, 0);

  public static Schedule random(long seed) {
    return new Schedule(Order.RANDOM, seed);
  }

  /**
   * {@code forward}, {@code reverse}, {@code random} (a fresh seed, which {@link #toString()} shows so the
   * run can be replayed) or {@code random:SEED}.
   */
  public static Schedule parse(String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    if (t.equals("forward")) {
      return FORWARD;
    }
    if (t.equals("reverse")) {
      return REVERSE;
    }
    if (t.equals("random")) {
      return random(ThreadLocalRandom.current().nextLong(1, 1_000_000_000L));
    }
    if (t.matches("random:\\d{1,18}")) {
      return random(Long.parseLong(t.substring("random:".length())));
    }
    throw new IllegalArgumentException(
        "unknown schedule '" + text + "': forward, reverse, random or random:SEED (e.g. random:42)");
  }

  @Override
  public String toString() {
    return switch (order) {
      case FORWARD -> "forward";
      case REVERSE -> "reverse";
      case RANDOM -> "random:" + seed;
    };
  }
}
