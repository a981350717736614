package dev.kernelplayground.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Finds the user's source line for an instruction address of a built kernel, with binutils' addr2line:
 * of the inlined frames it lists (innermost first), the first that lies in the user's file.
 */
final class SourceLines {
  private SourceLines() {}

  /** The line in {@code displayName}, or 0 when addr2line is missing or the address is elsewhere. */
  static int lineOf(Path binary, String address, String displayName) {
    try {
      Process process =
          new ProcessBuilder("addr2line", "-i", "-e", binary.toString(), address).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return 0;
      }
      for (String line : output.lines().toList()) {
        String location = line.replaceAll(" \\(discriminator \\d+\\)$", "");
        int colon = location.lastIndexOf(':');
        if (colon <= 0) {
          continue;
        }
        String file = location.substring(0, colon);
        String number = location.substring(colon + 1);
        if (CompileErrors.isUserFile(file, displayName) && number.matches("\\d+")) {
          return Integer.parseInt(number);
        }
      }
      return 0;
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }
}
