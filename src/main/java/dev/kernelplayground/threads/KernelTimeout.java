package dev.kernelplayground.threads;

import java.time.Duration;

/** A Java kernel ran past its time limit: most likely a loop that never ends. */
public final class KernelTimeout extends RuntimeException {
  KernelTimeout(Duration limit, long blocksStarted, long blocks) {
    super(
        String.format(
            "the kernel did not finish within %.3g s (%d of %d blocks had started): look for a loop whose "
                + "condition never becomes false. Its threads cannot be stopped from Java and keep a core "
                + "busy until the playground exits; new launches use fresh threads.",
            limit.toMillis() / 1000.0, blocksStarted, blocks));
  }
}
