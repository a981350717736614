package dev.kernelplayground.notebook;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries a sandboxed kernel's five Jupyter connections across its network namespace, which has only a
 * loopback of its own: outside, the relay listens on the TCP ports Jupyter chose (on the host's address) and
 * for each connection Jupyter opens, connects to a Unix socket in a folder both sides see; inside, the relay
 * listens on those Unix sockets and connects to the kernel's own TCP port on the sandbox's loopback. Bytes
 * flow both ways unchanged (ZeroMQ's stream protocol does not care), so the kernel reaches nothing but
 * Jupyter: learner code in it cannot open a connection to anything outside.
 *
 * <p>{@link #outside} runs in the launcher ({@link SandboxedKernel}), {@link #inside} in the kernel JVM.
 */
final class KernelRelay implements AutoCloseable {
  private final List<ServerSocketChannel> listeners = new ArrayList<>();

  private KernelRelay() {}

  /** The Unix socket that carries {@code port}, in the shared folder. */
  static Path socket(Path folder, int port) {
    return folder.resolve("port-" + port + ".sock");
  }

  /** Listens on {@code ip}'s TCP {@code ports}; each connection is carried to the socket for its port in {@code folder}. */
  static KernelRelay outside(Path folder, String ip, List<Integer> ports) throws IOException {
    KernelRelay relay = new KernelRelay();
    try {
      for (int port : ports) {
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.INET);
        relay.listeners.add(listener);
        listener.bind(new InetSocketAddress(ip, port));
        relay.serve(listener, UnixDomainSocketAddress.of(socket(folder, port)));
      }
    } catch (IOException e) {
      relay.close();
      throw e;
    }
    return relay;
  }

  /** Listens on the sockets for {@code ports} in {@code folder}; each connection is carried to {@code ip}'s TCP port. */
  static KernelRelay inside(Path folder, String ip, List<Integer> ports) throws IOException {
    KernelRelay relay = new KernelRelay();
    try {
      for (int port : ports) {
        Path socket = socket(folder, port);
        Files.deleteIfExists(socket);
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        relay.listeners.add(listener);
        listener.bind(UnixDomainSocketAddress.of(socket));
        relay.serve(listener, new InetSocketAddress(ip, port));
      }
    } catch (IOException e) {
      relay.close();
      throw e;
    }
    return relay;
  }

  /** Accepts connections on a daemon thread; each is joined to a new connection to {@code target}. */
  private void serve(ServerSocketChannel listener, SocketAddress target) {
    Thread.ofPlatform().daemon().name("kp-relay-" + target).start(() -> {
      while (listener.isOpen()) {
        SocketChannel accepted;
        try {
          accepted = listener.accept();
        } catch (IOException closed) {
          return;
        }
        try {
          SocketChannel onward = SocketChannel.open(target);
          Thread.ofVirtual().start(() -> pump(accepted, onward));
          Thread.ofVirtual().start(() -> pump(onward, accepted));
        } catch (IOException unreachable) {
          // the other side is not listening yet (the kernel still starting): Jupyter's client reconnects
          closeQuietly(accepted);
        }
      }
    });
  }

  /** Copies until either side closes, then closes both (the other direction's pump then ends too). */
  private static void pump(SocketChannel from, SocketChannel to) {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    try {
      while (from.read(buffer) >= 0) {
        buffer.flip();
        while (buffer.hasRemaining()) {
          to.write(buffer);
        }
        buffer.clear();
      }
    } catch (IOException closed) {
      // one side went away
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    listeners.forEach(KernelRelay::closeQuietly);
  }
}
