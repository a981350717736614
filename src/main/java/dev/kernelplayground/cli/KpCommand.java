package dev.kernelplayground.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** The root {@code kp} command: dispatches to its subcommands and turns errors into one clear line. */
@Command(
    name = "kp",
    scope = ScopeType.INHERIT, // -h/--help and -V/--version for every subcommand, declared here once
    mixinStandardHelpOptions = true,
    version = "Kernel Playground 0.1.0",
    description = "Kernel Playground: write GPU kernels for NVIDIA Ada (RTX 4090, sm_89), check them against float64 references, and put their speed next to the roofline.",
    subcommands = {
      TourCommand.class,
      RunCommand.class,
      BenchCommand.class,
      DevicesCommand.class,
      AdaCommand.class,
      OccupancyCommand.class,
      CompileCommand.class,
      RooflineCommand.class,
      EmulateCommand.class,
      NotebookCommand.class,
      GpuVerifyCommand.class,
      GpuCountsCommand.class,
      GradeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class KpCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new KpCommand());
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setParameterExceptionHandler(ErrorHandler::badInput);
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
