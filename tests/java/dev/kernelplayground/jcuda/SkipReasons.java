package dev.kernelplayground.jcuda;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints why tests were skipped, once per test class and reason, on the build's console: Maven's summary
 * only counts skipped tests, and a GPU test that silently did not run looks like one that passed.
 */
public final class SkipReasons implements TestWatcher {
  private static final Set<String> SHOWN = ConcurrentHashMap.newKeySet();

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    String owner = context.getRequiredTestClass().getSimpleName();
    String reason = Optional.ofNullable(cause.getMessage()).orElse(cause.getClass().getSimpleName());
    if (SHOWN.add(owner + "\u0000" + reason)) {
      System.out.println("[skipped] " + owner + ": " + reason);
    }
  }
}
