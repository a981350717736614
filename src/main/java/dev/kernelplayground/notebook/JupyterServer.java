package dev.kernelplayground.notebook;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.Loop;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * Serves one Jupyter session: reads the connection file Jupyter wrote, binds the five sockets and answers
 * until the front end shuts the kernel down.
 *
 * <p>Two mends on top of jjava-jupyter 1.0-a6:
 * <ul>
 *   <li>a message with a bad HMAC signature makes its shell loop throw a {@code SecurityException} that
 *       nothing catches, and the kernel stops answering for good. Such a message must be dropped (it may be an
 *       attacker's, or a stale client's) and the kernel must keep serving, so each shell and control loop gets
 *       an error handler that logs the drop and carries on;
 *   <li>the shell and control loops poll their socket without waiting and then sleep 50 ms when it was empty,
 *       so every request waited 25 ms on average (50 at worst) before the kernel even read it. They sleep
 *       {@value #POLL_SLEEP_MS} ms instead: a thousand empty polls a second cost well under 1% of a core.
 * </ul>
 */
public final class JupyterServer {
  /** The shell and control loops' pause between polls of an empty socket. */
  private static final long POLL_SLEEP_MS = 1;

  private JupyterServer() {}

  /**
   * Runs the kernel until shutdown; returns the process exit code. With a {@code relayFolder} the kernel runs
   * in a sandbox's network namespace ({@link SandboxedKernel}) and Jupyter reaches its ports through the Unix
   * sockets {@link KernelRelay} listens on in that folder.
   */
  public static int serve(Path connectionFile, Path relayFolder) throws IOException, GeneralSecurityException {
    KernelConnectionProperties properties = KernelConnectionProperties.parse(Files.readString(connectionFile));
    if (relayFolder != null) {
      Files.delete(connectionFile); // the launcher's copy, with the signing key: read, it need not stay on disk
    }
    JupyterKernel kernel = new JupyterKernel();
    GuardedConnection connection = new GuardedConnection(properties);
    kernel.becomeHandlerForConnection(connection);
    connection.connect();
    connection.keepServingAfterBadMessages();
    try (KernelRelay relay = relayFolder == null ? null : KernelRelay.inside(relayFolder, properties.getIp(), List.of(
        properties.getShellPort(), properties.getControlPort(), properties.getIopubPort(), properties.getStdinPort(), properties.getHbPort()))) {
      kernel.onStartup();
      connection.waitUntilClose();
      kernel.onShutdown(false);
    }
    return 0;
  }

  /** A connection whose shell and control loops survive a message they cannot read. */
  static final class GuardedConnection extends JupyterConnection {
    GuardedConnection(KernelConnectionProperties properties) throws GeneralSecurityException {
      super(properties);
      pollEvery(shell);
      pollEvery(control);
    }

    /** Sets the loop's sleep between empty polls, before {@link #connect()} starts the loop with it. */
    private static void pollEvery(ShellChannel channel) {
      try {
        Field f = ShellChannel.class.getDeclaredField("sleep");
        f.setAccessible(true);
        f.setLong(channel, POLL_SLEEP_MS);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(
            "jjava-jupyter changed: ShellChannel.sleep is gone, so the poll interval cannot be set", e);
      }
    }

    void keepServingAfterBadMessages() {
      guard(shell, "shell");
      guard(control, "control");
    }

    private static void guard(ShellChannel channel, String name) {
      Loop loop = loopOf(channel);
      loop.onError(
          t -> {
            System.err.println(
                "kernel-playground: dropped a message on the " + name + " channel: " + t.getClass().getSimpleName()
                    + (t.getMessage() == null ? "" : " (" + t.getMessage() + ")"));
            return POLL_SLEEP_MS;
          });
    }

    private static Loop loopOf(ShellChannel channel) {
      try {
        Field f = ShellChannel.class.getDeclaredField("ioloop");
        f.setAccessible(true);
        return (Loop) f.get(channel);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(
            "jjava-jupyter changed: ShellChannel.ioloop is gone, so the bad-signature guard cannot be installed", e);
      }
    }
  }
}
