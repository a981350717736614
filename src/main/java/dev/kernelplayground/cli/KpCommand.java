package dev.kernelplayground.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code kp} command: only dispatches to its subcommands. */
@Command(
    name = "kp",
    mixinStandardHelpOptions = true,
    version = "Kernel Playground 0.1.0",
    description = "Kernel Playground: write GPU kernels for NVIDIA Ada (RTX 4090, sm_89), check them against float64 references, and put their speed next to the roofline.",
    subcommands = {CommandLine.HelpCommand.class})
public final class KpCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static CommandLine commandLine() {
    return new CommandLine(new KpCommand());
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
