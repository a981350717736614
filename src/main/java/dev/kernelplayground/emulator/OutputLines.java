package dev.kernelplayground.emulator;

import java.util.function.Consumer;

/**
 * A program's output as it arrives, in pieces: passed on at once, except the driver's one-line failure
 * reports ("@@KP-ERROR\t..." on a line of its own, after an empty line), which go to {@code reports} instead,
 * whole. A piece that might be the start of a report is held until its line is complete.
 */
final class OutputLines {
  private static final String MARK = "@@KP-ERROR\t";

  private final Consumer<String> text;
  private final Consumer<String> reports;
  private final StringBuilder pending = new StringBuilder();
  private boolean heldEmptyLine;

  OutputLines(Consumer<String> text, Consumer<String> reports) {
    this.text = text;
    this.reports = reports;
  }

  void accept(String piece) {
    pending.append(piece);
    int newline;
    while ((newline = pending.indexOf("\n")) >= 0) {
      String line = pending.substring(0, newline);
      pending.delete(0, newline + 1);
      line(line);
    }
    if (pending.length() > 0 && !couldBeMark(pending)) {
      releaseEmptyLine();
      text.accept(pending.toString());
      pending.setLength(0);
    }
  }

  /** The end of the output: what is left is plain text. */
  void finish() {
    releaseEmptyLine();
    if (pending.length() > 0) {
      text.accept(pending.toString());
      pending.setLength(0);
    }
  }

  private void line(String line) {
    if (line.startsWith(MARK)) {
      heldEmptyLine = false; // the driver's own newline before its report
      reports.accept(line);
      return;
    }
    releaseEmptyLine();
    if (line.isEmpty()) {
      heldEmptyLine = true;
    } else {
      text.accept(line + "\n");
    }
  }

  private void releaseEmptyLine() {
    if (heldEmptyLine) {
      heldEmptyLine = false;
      text.accept("\n");
    }
  }

  private static boolean couldBeMark(CharSequence partial) {
    int n = Math.min(partial.length(), MARK.length());
    return MARK.startsWith(partial.subSequence(0, n).toString());
  }
}
