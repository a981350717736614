package dev.kernelplayground.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code kernel<<<grid, block, smem, stream>>>(args...)} launches of a whole program, rewritten into calls
 * of the host runtime, {@code ::kp::host::LaunchAt(__FILE__, __LINE__, grid, block, smem, stream).run(kernel,
 * "kernel", args...)}, on the same lines (newlines inside the launch are kept). The kernel may be qualified
 * ({@code ns::k}) or a template ({@code k<float, 4>}).
 */
final class ProgramLaunches {
  private static final String OPEN = "<<<";
  private static final String CLOSE = ">>>";

  private ProgramLaunches() {}

  /** One edit per launch in {@code code}; {@code scan} is the same text with string literals blanked. */
  static List<CudaSource.Edit> rewrite(String code, String scan, String displayName) {
    List<CudaSource.Edit> edits = new ArrayList<>();
    int from = 0;
    while (true) {
      int open = scan.indexOf(OPEN, from);
      if (open < 0) {
        return edits;
      }
      int line = CudaSource.lineOf(scan, open);
      int calleeStart = calleeStart(scan, open);
      int close = scan.indexOf(CLOSE, open + OPEN.length());
      int paren = close < 0 ? -1 : skipSpaces(scan, close + CLOSE.length());
      if (calleeStart < 0 || close < 0 || paren >= scan.length() || scan.charAt(paren) != '(') {
        throw new EmulatorException(EmulatorException.Kind.COMPILE_ERROR,
            displayName + ":" + line + ": cannot read this kernel launch: the emulator understands"
                + " kernel<<<grid, block[, sharedBytes[, stream]]>>>(arguments...)",
            null, null, null, displayName, line);
      }
      int end = CudaSource.matching(scan, paren);
      if (end < 0) {
        throw new EmulatorException(EmulatorException.Kind.COMPILE_ERROR,
            displayName + ":" + line + ": the arguments of this kernel launch never close", null, null, null,
            displayName, line);
      }
      String callee = code.substring(calleeStart, open).strip();
      String config = code.substring(open + OPEN.length(), close);
      String args = code.substring(paren + 1, end);
      String between = code.substring(close + CLOSE.length(), paren);
      String calleeNewlines = "\n".repeat((int) code.substring(calleeStart, open).chars().filter(c -> c == '\n').count());
      String text = "::kp::host::LaunchAt(__FILE__, __LINE__, " + config + ")" + between + ".run(" + callee + ", \""
          + CudaSource.escape(callee.replaceAll("\\s+", " ")) + "\"" + (args.isBlank() ? args : ", " + args) + ")"
          + calleeNewlines;
      edits.add(new CudaSource.Edit(calleeStart, end + 1, text));
      from = end + 1;
    }
  }

  /** Where the kernel's name before {@code <<<} starts: identifiers, {@code ::} and template arguments. */
  private static int calleeStart(String scan, int open) {
    int i = open - 1;
    while (i >= 0 && Character.isWhitespace(scan.charAt(i))) {
      i--;
    }
    if (i >= 0 && scan.charAt(i) == '>') {
      int depth = 0;
      for (; i >= 0; i--) {
        char c = scan.charAt(i);
        if (c == '>') {
          depth++;
        } else if (c == '<' && --depth == 0) {
          break;
        }
      }
      i--;
      while (i >= 0 && Character.isWhitespace(scan.charAt(i))) {
        i--;
      }
    }
    int end = i;
    while (true) {
      while (i >= 0 && (Character.isLetterOrDigit(scan.charAt(i)) || scan.charAt(i) == '_')) {
        i--;
      }
      if (i >= 1 && scan.charAt(i) == ':' && scan.charAt(i - 1) == ':') {
        i -= 2;
        continue;
      }
      break;
    }
    return i == end ? -1 : i + 1;
  }

  private static int skipSpaces(String text, int from) {
    int i = from;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
