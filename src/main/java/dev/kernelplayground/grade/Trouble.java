package dev.kernelplayground.grade;

import dev.kernelplayground.process.ChildProcess;
import dev.kernelplayground.process.Sandbox;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Why a submission's run went wrong, in words a teacher can act on: "timed out after 25 s", "killed: CPU
 * time limit 25 s", "out of memory: limit 2 GB", "network access refused", "tried to write outside its
 * folder". Read from how the sandboxed child ended, or from what the learner's code threw.
 */
final class Trouble {
  private Trouble() {}

  private record Sign(Pattern text, String words) {}

  private static List<Sign> signs(Sandbox.Limits limits) {
    return List.of(
        new Sign(Pattern.compile("unable to create native thread|error=11|Resource temporarily unavailable|EAGAIN"),
            "hit the process limit (" + limits.processes() + ")"),
        new Sign(Pattern.compile("OutOfMemoryError|Cannot allocate memory|bad_alloc|ENOMEM"),
            "out of memory: limit " + Sandbox.Limits.bytes(limits.memoryBytes())),
        new Sign(Pattern.compile("Network is unreachable|UnknownHostException|NoRouteToHost|ConnectException|SocketException"),
            "network access refused"),
        new Sign(Pattern.compile("Read-only file system|EROFS"), "tried to write outside its folder"),
        new Sign(Pattern.compile("No space left on device|ENOSPC"), "filled its private /tmp"),
        new Sign(Pattern.compile("File too large|EFBIG"),
            "tried to write a file over " + Sandbox.Limits.bytes(limits.fileBytes())),
        new Sign(Pattern.compile("calls host function|is a host function"), "device code called a host function"));
  }

  /** The teacher's words for an error text of the learner's code, or null when it is an ordinary mistake. */
  static String ofText(String text, Sandbox.Limits limits) {
    if (text == null) {
      return null;
    }
    return signs(limits).stream().filter(s -> s.text().matcher(text).find()).map(Sign::words).findFirst().orElse(null);
  }

  /** How a sandboxed child ended, in words. */
  static String ofExit(ChildProcess.Result end, Duration timeLimit) {
    if (end.timedOut()) {
      return "timed out after " + timeLimit.toSeconds() + " s";
    }
    return switch (end.exitCode()) {
      case 128 + 24 -> "killed: CPU time limit";                     // SIGXCPU
      case 128 + 25 -> "killed: file size limit";                    // SIGXFSZ
      case 128 + 9 -> "killed (SIGKILL)";
      case 0 -> "ended its own process (exit status 0)";
      default -> "crashed (exit status " + end.exitCode() + ")";
    };
  }
}
