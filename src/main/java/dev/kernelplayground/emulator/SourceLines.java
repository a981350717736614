package dev.kernelplayground.emulator;

import dev.kernelplayground.process.ChildProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the user's source line for an instruction address of a built kernel, with binutils' addr2line:
 * of the inlined frames it lists (innermost first), the first that lies in the user's file. An address
 * whose instruction carries no line of the user's file (a sampled one, for a timeout) is looked up with
 * its neighbours, nearest first.
 */
final class SourceLines {
  private static final int NEIGHBOURS = 48;

  private SourceLines() {}

  /** The line in {@code displayName}, or 0 when addr2line is missing or nothing near the address is there. */
  static int lineOf(java.nio.file.Path binary, String address, String displayName) {
    long pc;
    try {
      pc = Long.decode(address);
    } catch (NumberFormatException e) {
      return 0;
    }
    List<String> command = new ArrayList<>(List.of("addr2line", "-a", "-i", "-e", binary.toString()));
    command.add(hex(pc));
    for (int d = 1; d <= NEIGHBOURS; d++) {
      command.add(hex(pc - d));
      command.add(hex(pc + d));
    }
    try {
      ChildProcess.Result run = ChildProcess.of(command).readable(binary).mergeStderr().timeout(Duration.ofSeconds(20)).run();
      if (run.timedOut()) {
        return 0;
      }
      String output = run.stdout();
      // Blocks come in the order asked: "0x..." then that address's frames.
      boolean inBlock = false;
      for (String line : output.lines().toList()) {
        if (line.startsWith("0x")) {
          inBlock = true;
          continue;
        }
        if (!inBlock) {
          continue;
        }
        int found = userLine(line, displayName);
        if (found > 0) {
          return found;
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

  /**
   * The lines in {@code displayName} of many return addresses at once (the instruction before each, a call), with
   * one addr2line run; an address without a line of the user's file maps to 0.
   */
  static java.util.Map<Long, Integer> linesOfCalls(java.nio.file.Path binary, java.util.Collection<Long> returnAddresses,
      String displayName) {
    java.util.Map<Long, Integer> lines = new java.util.HashMap<>();
    List<Long> wanted = List.copyOf(returnAddresses);
    if (wanted.isEmpty()) {
      return lines;
    }
    List<String> command = new ArrayList<>(List.of("addr2line", "-a", "-i", "-e", binary.toString()));
    wanted.forEach(pc -> command.add(hex(pc - 1)));
    try {
      ChildProcess.Result run = ChildProcess.of(command).mergeStderr().timeout(Duration.ofSeconds(60)).run();
      long current = -1;
      for (String line : run.stdout().lines().toList()) {
        if (line.startsWith("0x")) {
          current = Long.parseUnsignedLong(line.substring(2), 16) + 1;
          lines.putIfAbsent(current, 0);
        } else if (current >= 0 && lines.get(current) == 0) {
          lines.put(current, userLine(line, displayName));
        }
      }
    } catch (IOException e) {
      // no addr2line: every site stays on line 0
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return lines;
  }

  private static int userLine(String frame, String displayName) {
    String location = frame.replaceAll(" \\(discriminator \\d+\\)$", "");
    int colon = location.lastIndexOf(':');
    if (colon <= 0) {
      return 0;
    }
    String number = location.substring(colon + 1);
    if (CompileErrors.isUserFile(location.substring(0, colon), displayName) && number.matches("\\d+")) {
      return Integer.parseInt(number);
    }
    return 0;
  }

  private static String hex(long value) {
    return "0x" + Long.toHexString(value);
  }
}
