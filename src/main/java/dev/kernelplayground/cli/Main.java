package dev.kernelplayground.cli;

import picocli.CommandLine;

/** Entry point of the {@code kp} command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(KpCommand.commandLine().execute(args));
  }
}
