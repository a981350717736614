package dev.kernelplayground.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator's cache sweep: runtimes unused for a week go (never the running one), and the least recently used
 * kernels go while the kernels are over their budget, but never one used within the hour.
 */
class CacheJanitorTest {
  @TempDir Path cache;

  @Test
  void unusedRuntimesAndTheOldestKernelsBeyondTheBudgetGo() throws IOException {
    long seed = new Random().nextLong();
    System.out.println("seed " + seed);
    Random random = new Random(seed);
    Instant now = Instant.parse("2026-11-30T12:00:00Z");

    Path running = folder(cache.resolve("runtime-aaaa"), 1000, now.minus(Duration.ofDays(30))); // old, but running
    Path lastWeek = folder(cache.resolve("runtime-bbbb"), 1000, now.minus(Duration.ofDays(8)));
    Path yesterday = folder(cache.resolve("runtime-cccc"), 1000, now.minus(Duration.ofDays(1)));
    Path halfBuilt = folder(cache.resolve("runtime-123456789"), 10, now.minus(Duration.ofDays(10))); // a staging folder

    int n = 20 + random.nextInt(40);
    List<Path> kernels = new ArrayList<>();
    List<Instant> used = new ArrayList<>();
    List<Long> sizes = new ArrayList<>();
    List<Integer> minutesAgo = new ArrayList<>(); // distinct, all over an hour ago, in random order
    for (int i = 0; i < n; i++) {
      minutesAgo.add(61 + 2000 * i + random.nextInt(2000));
    }
    Collections.shuffle(minutesAgo, random);
    for (int i = 0; i < n; i++) {
      Instant when = now.minus(Duration.ofMinutes(minutesAgo.get(i)));
      long bytes = 1 + random.nextInt(5000);
      kernels.add(folder(cache.resolve("kernels").resolve("k" + i), bytes, when));
      used.add(when);
      sizes.add(bytes);
    }
    Path justUsed = folder(cache.resolve("kernels").resolve("recent"), 9000, now.minus(Duration.ofMinutes(10)));
    long total = sizes.stream().mapToLong(Long::longValue).sum() + 9000;
    long budget = total / 3;

    CacheJanitor.Removed removed = CacheJanitor.sweep(cache, running, now, budget);

    assertEquals(Set.of(lastWeek, halfBuilt), Set.copyOf(removed.runtimes()), "seed " + seed);
    assertTrue(Files.isDirectory(running) && Files.isDirectory(yesterday), "seed " + seed);
    assertFalse(Files.exists(lastWeek) || Files.exists(halfBuilt), "seed " + seed);

    // what should go: oldest first, until the rest fits (the one used ten minutes ago always stays)
    List<Integer> byAge = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byAge.add(i);
    }
    byAge.sort(Comparator.comparing(used::get));
    Set<Path> expected = new HashSet<>();
    long left = total;
    for (int i : byAge) {
      if (left <= budget) {
        break;
      }
      expected.add(kernels.get(i));
      left -= sizes.get(i);
    }
    assertEquals(expected, Set.copyOf(removed.kernels()), "seed " + seed);
    assertEquals(left, removed.kernelBytesLeft(), "seed " + seed);
    assertTrue(left <= budget, "seed " + seed);
    assertTrue(Files.isDirectory(justUsed), "seed " + seed);
    for (Path k : kernels) {
      assertEquals(!expected.contains(k), Files.isDirectory(k), k + ", seed " + seed);
    }
    try (var trash = Files.list(cache.resolve(CacheJanitor.TRASH))) {
      assertEquals(0, trash.count(), "discarded folders are deleted, not only moved");
    }

    // within budget nothing more goes
    CacheJanitor.Removed again = CacheJanitor.sweep(cache, running, now, budget);
    assertTrue(again.runtimes().isEmpty() && again.kernels().isEmpty(), "seed " + seed);
  }

  @Test
  void kernelsUsedWithinTheHourStayEvenOverBudget() throws IOException {
    Instant now = Instant.parse("2026-11-30T12:00:00Z");
    Path old = folder(cache.resolve("kernels").resolve("old"), 4000, now.minus(Duration.ofDays(3)));
    Path recent = folder(cache.resolve("kernels").resolve("recent"), 4000, now.minus(Duration.ofMinutes(59)));
    CacheJanitor.Removed removed = CacheJanitor.sweep(cache, null, now, 1000);
    assertEquals(List.of(old), removed.kernels());
    assertEquals(4000, removed.kernelBytesLeft());
    assertTrue(Files.isDirectory(recent));
  }

  @Test
  void aCacheHitMarksTheFolderUsed() throws IOException {
    Path kernel = folder(cache.resolve("kernels").resolve("k"), 10, Instant.parse("2020-01-01T00:00:00Z"));
    Instant before = Instant.now().minusSeconds(1);
    CacheJanitor.used(kernel);
    assertTrue(Files.getLastModifiedTime(kernel).toInstant().isAfter(before));
  }

  /** A cache folder holding {@code bytes} in two files, last used at {@code when}. */
  private static Path folder(Path folder, long bytes, Instant when) throws IOException {
    Files.createDirectories(folder);
    Files.write(folder.resolve("kernel"), new byte[(int) (bytes / 2)]);
    Files.write(folder.resolve("source.cpp"), new byte[(int) (bytes - bytes / 2)]);
    Files.setLastModifiedTime(folder, FileTime.from(when));
    return folder;
  }
}
