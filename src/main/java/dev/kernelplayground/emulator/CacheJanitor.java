package dev.kernelplayground.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;

/**
 * Keeps the emulator's cache from growing without end, as ccache and Gradle keep theirs. Every change of the
 * emulator's runtime (an update of the playground, another compiler) builds a new {@code runtime-HASH} folder of
 * ~150 MB (its precompiled headers), and every kernel source a learner runs leaves a binary of 0.3–2 MB under
 * {@code kernels/}; the development machine had gathered 25 runtimes and 4,800 kernels, 9.4 GB. At most once a
 * day the sweep removes runtimes nobody used for {@link #RUNTIME_UNUSED} (never the running one) and, while the
 * kernels take more than {@link #KERNEL_BYTES}, the least recently used kernels, never one used within
 * {@link #KERNEL_RECENT} (a process may be about to start it). A folder's modification time is its last use:
 * {@link #used} sets it on every cache hit. A cache it cannot write (a grader's sandbox) is left as it is.
 */
final class CacheJanitor {
  static final Duration RUNTIME_UNUSED = Duration.ofDays(7);
  static final long KERNEL_BYTES = 4L << 30;
  static final Duration KERNEL_RECENT = Duration.ofHours(1);
  static final Duration EVERY = Duration.ofDays(1);
  static final String MARKER = "last-sweep";
  static final String TRASH = "trash";
  private static final Duration SWEEP_AT_EXIT = Duration.ofSeconds(10);

  private CacheJanitor() {}

  /** Marks a cache folder as used now. */
  static void used(Path folder) {
    try {
      Files.setLastModifiedTime(folder, FileTime.from(Instant.now()));
    } catch (IOException readOnly) {
      // a read-only cache is never swept either
    }
  }

  /** Starts a sweep on a background thread when the last one is more than a day old. */
  static void sweepInBackground(Path cacheDir, Path currentRuntime) {
    Path marker = cacheDir.resolve(MARKER);
    try {
      Instant now = Instant.now();
      if (Files.exists(marker) && Files.getLastModifiedTime(marker).toInstant().plus(EVERY).isAfter(now)) {
        return;
      }
      Files.writeString(marker, now + "\n");
    } catch (IOException readOnly) {
      return;
    }
    Thread sweeping = Thread.ofVirtual().name("kp-emulator-cache-sweep").start(() -> {
      try {
        sweep(cacheDir, currentRuntime, Instant.now(), KERNEL_BYTES);
      } catch (UncheckedIOException | IOException e) {
        // another process swept at the same moment, or the cache went away: the next sweep tries again
      }
    });
    // a short command (kp emulate) would end before the sweep did: its exit waits a little (2 s for 1,300 kernels)
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        sweeping.join(SWEEP_AT_EXIT);
      } catch (InterruptedException e) {
        // exit now; what is left waits for tomorrow's sweep
      }
    }));
  }

  /** What a sweep removed. */
  record Removed(List<Path> runtimes, List<Path> kernels, long kernelBytesLeft) {}

  /** Removes unused runtimes and the least recently used kernels beyond {@code kernelBytes}; says what went. */
  static Removed sweep(Path cacheDir, Path currentRuntime, Instant now, long kernelBytes) throws IOException {
    Path trash = cacheDir.resolve(TRASH);
    for (Path left : children(trash)) {
      PathUtils.deleteDirectory(left); // what a sweep cut short (the process ended) left
    }
    List<Path> runtimes = new ArrayList<>();
    for (Path runtime : children(cacheDir)) {
      if (runtime.getFileName().toString().startsWith("runtime-") && !runtime.equals(currentRuntime)
          && lastUse(runtime).plus(RUNTIME_UNUSED).isBefore(now)) {
        discard(runtime, trash);
        runtimes.add(runtime);
      }
    }
    record Kernel(Path folder, Instant used, long bytes) {}
    List<Kernel> kernels = new ArrayList<>();
    long total = 0;
    for (Path folder : children(cacheDir.resolve("kernels"))) {
      long bytes = PathUtils.sizeOfDirectory(folder);
      kernels.add(new Kernel(folder, lastUse(folder), bytes));
      total += bytes;
    }
    kernels.sort(Comparator.comparing(Kernel::used));
    List<Path> removed = new ArrayList<>();
    for (Kernel k : kernels) {
      if (total <= kernelBytes || k.used().plus(KERNEL_RECENT).isAfter(now)) {
        break;
      }
      discard(k.folder(), trash);
      removed.add(k.folder());
      total -= k.bytes();
    }
    return new Removed(runtimes, removed, total);
  }

  /**
   * Moves the folder out of the cache at once, then deletes it: a sweep cut short by the process's end leaves
   * no half-deleted runtime or kernel that a later build would take for whole.
   */
  private static void discard(Path folder, Path trash) throws IOException {
    Path moved = Files.createDirectories(trash).resolve(UUID.randomUUID().toString());
    Files.move(folder, moved, StandardCopyOption.ATOMIC_MOVE);
    PathUtils.deleteDirectory(moved);
  }

  private static List<Path> children(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(folder)) {
      return list.filter(Files::isDirectory).toList();
    }
  }

  private static Instant lastUse(Path folder) throws IOException {
    return Files.getLastModifiedTime(folder).toInstant();
  }
}
