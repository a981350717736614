package dev.kernelplayground.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both halves of the relay in one JVM: a client's bytes reach the "kernel" on the far side through the
 * outside listener, the Unix socket and the inside connection, and its answers come back unchanged. The
 * kernel listens on 127.0.0.1 and the outside relay on 127.0.0.2, standing for the sandbox's loopback and
 * the host's (both on this machine's loopback here).
 */
class KernelRelayTest {
  @Test
  void bytesCrossBothWaysUnchanged(@TempDir Path folder) throws Exception {
    long seed = new Random().nextLong();
    System.out.println("seed " + seed);
    Random random = new Random(seed);
    try (ServerSocket kernel = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      int port = kernel.getLocalPort();
      Thread echo = Thread.ofVirtual().start(() -> {
        try (Socket s = kernel.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
          in.transferTo(out); // echoes until the client closes
        } catch (Exception closed) {
          // the test ended
        }
      });
      try (KernelRelay inside = KernelRelay.inside(folder, "127.0.0.1", List.of(port));
          KernelRelay outside = KernelRelay.outside(folder, "127.0.0.2", List.of(port));
          Socket client = new Socket("127.0.0.2", port)) {
        byte[] sent = new byte[1 + random.nextInt(300_000)]; // more than one 64 KiB buffer, an odd length
        random.nextBytes(sent);
        Thread writer = Thread.ofVirtual().start(() -> {
          try {
            client.getOutputStream().write(sent);
            client.getOutputStream().flush();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        byte[] back = new byte[sent.length];
        new DataInputStream(client.getInputStream()).readFully(back);
        writer.join();
        assertArrayEquals(sent, back, "seed " + seed);
      }
      echo.join(5000);
    }
  }
}
