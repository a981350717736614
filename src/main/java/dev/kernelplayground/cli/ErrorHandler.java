package dev.kernelplayground.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception from a command into one line on stderr. Bad input (IllegalArgumentException), a
 * kernel that threw, or a state the playground refuses are the user's to fix and get only their message;
 * anything else is a playground bug and says so. KP_STACKTRACE=1 prints the stack trace too.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  /** Wrong options or arguments: the message, suggestions for a misspelt name, and where help is. */
  static int badInput(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    java.io.PrintWriter err = cli.getErr();
    err.println(prefix(cli) + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("(kp " + (cli.getParent() == null ? "" : cli.getCommandName() + " ") + "--help shows the usage)");
    err.flush();
    return 2;
  }

  /** "kp run: " for a subcommand, "kp: " for the root. */
  private static String prefix(CommandLine cli) {
    return cli.getParent() == null ? "kp: " : "kp " + cli.getCommandName() + ": ";
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    if (e instanceof CommandLine.ParameterException pe) {
      throw pe;
    }
    boolean usersToFix = e instanceof IllegalArgumentException || e instanceof IllegalStateException;
    String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    cli.getErr()
        .println(
            prefix(cli)
                + (usersToFix || e.getClass().getName().startsWith("dev.kernelplayground")
                    ? message
                    : "internal error, " + e.getClass().getName() + ": " + message
                        + " (please report it; KP_STACKTRACE=1 shows where)"));
    if ("1".equals(System.getenv("KP_STACKTRACE"))) {
      e.printStackTrace(cli.getErr());
    }
    cli.getErr().flush();
    return 2;
  }
}
