package dev.kernelplayground.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.testing.Runtimes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code kp notebook lab} for real: it starts Debian's Jupyter server (as root when the tests run as root,
 * which needs --allow-root), prints a URL with a token, and that URL serves the notebook page over loopback
 * while a request without the token does not; with a jupyter-lab on the path it prefers that.
 */
@Tag("jupyter")
class NotebookLabTest {
  private static final Pattern URL = Pattern.compile("Open (http://127\\.0\\.0\\.1:(\\d+)/\\?token=([0-9a-f]{48}))");

  @Test
  void servesTheNotebooksAtThePrintedUrlWithItsToken(@TempDir Path dir) throws Exception {
    Runtimes.assume(Runtimes.JUPYTER_SERVER, onPath("jupyter-lab") || onPath("jupyter-notebook"),
        "neither jupyter-lab nor jupyter-notebook is on PATH (Debian: apt-get install jupyter-notebook)");
    NotebookCommand.Lab lab = new NotebookCommand.Lab();
    serve(lab, dir, page -> {
      assertEquals(200, page.statusCode(), page.body());
      assertTrue(page.body().contains("Jupyter"), page.body());
      assertFalse(page.uri().getPath().contains("login"), "the token logged us in: " + page.uri());
    });
  }

  /**
   * The JupyterLab branch: JupyterLab is not packaged in Debian 12, but its server is (jupyter_server, on which
   * JupyterLab 3 and 4 run as an extension and whose options they take); a jupyter-lab that starts it stands in,
   * so the options lab passes (--notebook-dir, --ip, --port, --port-retries, --no-browser, --allow-root) and the
   * token are checked against the real server. It serves no page of its own, so the API is what is fetched.
   */
  @Test
  void prefersJupyterLabAndItsServerTakesTheOptions(@TempDir Path dir) throws Exception {
    Runtimes.assume(Runtimes.JUPYTER_SERVER, onPath("jupyter-server"),
        "jupyter-server is not on PATH (Debian: apt-get install jupyter-server)");
    Path shims = Files.createDirectories(dir.resolve("bin"));
    Path jupyterLab = Files.writeString(shims.resolve("jupyter-lab"), "#!/bin/sh\nexec jupyter-server \"$@\"\n");
    assertTrue(jupyterLab.toFile().setExecutable(true));
    NotebookCommand.Lab lab = new NotebookCommand.Lab();
    lab.searchPath = shims + java.io.File.pathSeparator + lab.searchPath;
    String printed = serve(lab, dir, page -> assertFalse(page.uri().getPath().contains("login"), "the token logged us in: " + page.uri()));
    assertTrue(printed.contains("Starting jupyter-lab"), printed);
  }

  /** Runs lab on a notebooks folder, checks the URL it prints, the page there, the API with and without the token. */
  private static String serve(NotebookCommand.Lab lab, Path dir, Consumer<HttpResponse<String>> checkPage) throws Exception {
    Path notebooks = Files.createDirectories(dir.resolve("notebooks"));
    Files.writeString(notebooks.resolve("hello-lab.ipynb"), "{\"cells\":[],\"metadata\":{},\"nbformat\":4,\"nbformat_minor\":5}");
    int port = NotebookCommand.Lab.freePort("127.0.0.1");
    // Jupyter's config and runtime files stay in the temporary folder, not in this user's home
    lab.environment = Map.of("JUPYTER_CONFIG_DIR", dir.resolve("config").toString(),
        "JUPYTER_RUNTIME_DIR", dir.resolve("runtime").toString(), "JUPYTER_DATA_DIR", dir.resolve("data").toString());
    StringWriter printed = new StringWriter();
    CommandLine cli = new CommandLine(lab).setOut(new PrintWriter(printed, true)).setErr(new PrintWriter(new StringWriter(), true));
    AtomicReference<Integer> exit = new AtomicReference<>();
    Thread server = new Thread(() -> exit.set(cli.execute("--dir", notebooks.toString(), "--port", String.valueOf(port),
        "--ip", "127.0.0.1", "--no-browser")), "kp-notebook-lab");
    server.start();
    try {
      Matcher url = awaitUrl(printed);
      assertEquals(String.valueOf(port), url.group(2), printed.toString());
      HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();
      checkPage.accept(awaitPage(http, url.group(1), server));

      HttpResponse<String> listing = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/contents"))
          .header("Authorization", "token " + url.group(3)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, listing.statusCode(), listing.body());
      assertTrue(listing.body().contains("hello-lab.ipynb"), "it serves --dir: " + listing.body());

      HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/contents")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(403, anonymous.statusCode(), "without the token: " + anonymous.body());
      if (NotebookCommand.Lab.runningAsRoot()) {
        System.out.println("kp notebook lab served as root at " + url.group(1).replace(url.group(3), "<token>"));
      }
    } finally {
      server.interrupt(); // ChildProcess kills the server's process tree
      server.join(Duration.ofSeconds(30).toMillis());
    }
    assertFalse(server.isAlive(), "the server stopped when interrupted");
    return printed.toString();
  }

  @Test
  void printsLoopbackForEveryAddress() {
    assertEquals("http://127.0.0.1:8890/?token=ab", NotebookCommand.Lab.url("0.0.0.0", 8890, "ab"));
    assertEquals("http://10.1.2.3:8888/?token=ab", NotebookCommand.Lab.url("10.1.2.3", 8888, "ab"));
    assertEquals("http://[::1]:8888/?token=ab", NotebookCommand.Lab.url("::1", 8888, "ab"));
  }

  private static Matcher awaitUrl(StringWriter printed) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = URL.matcher(printed.toString());
      if (m.find()) {
        return m;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no URL with a token printed: " + printed);
  }

  /** The page, once the server answers (Jupyter takes a few seconds to start). */
  private static HttpResponse<String> awaitPage(HttpClient http, String url, Thread server) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (true) {
      try {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      } catch (java.net.ConnectException notYet) {
        if (!server.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("the server did not answer at " + url, notYet);
        }
        Thread.sleep(200);
      }
    }
  }

  private static boolean onPath(String name) {
    for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(folder, name))) {
        return true;
      }
    }
    return false;
  }
}
