package dev.kernelplayground.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on printed text that show the whole text when they fail. */
public final class Texts {
  private Texts() {}

  /** Every one of {@code parts} occurs in {@code text}. */
  public static void assertContains(String text, String... parts) {
    for (String part : parts) {
      assertTrue(text.contains(part), () -> "missing \"" + part + "\" in:\n" + text);
    }
  }
}
