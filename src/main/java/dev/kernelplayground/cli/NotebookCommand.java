package dev.kernelplayground.cli;

import dev.kernelplayground.lessons.LessonFiles;
import dev.kernelplayground.notebook.JupyterServer;
import dev.kernelplayground.notebook.JupyterKernelSpec;
import dev.kernelplayground.notebook.NotebookRunner;
import dev.kernelplayground.notebook.SandboxedKernel;
import dev.kernelplayground.process.Sandbox;
import dev.kernelplayground.process.ChildProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kp notebook ...}: the Jupyter kernel, its installation, and headless notebook runs. */
@Command(
    name = "notebook",
    description = "Java notebooks: install the Jupyter kernel, run a notebook headless, generate the lesson notebooks, or start Jupyter.",
    subcommands = {
      NotebookCommand.Install.class,
      NotebookCommand.Run.class,
      NotebookCommand.Generate.class,
      NotebookCommand.Lab.class,
      NotebookCommand.Kernel.class,
    })
final class NotebookCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code kp notebook install}: writes the kernelspec. */
  @Command(name = "install", description = "Install the Jupyter kernelspec 'kernel-playground' (user level by default).")
  static final class Install implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--kernels-dir", description = "Folder of kernelspecs to install into (default: $JUPYTER_DATA_DIR/kernels or ~/.local/share/jupyter/kernels).")
    Path kernelsDir;

    @Option(names = "--java-option", paramLabel = "OPTION", description = "A JVM option for the kernel's java command line, e.g. --java-option=-Xmx1g (repeatable; e.g. to fit more learners on a workshop server).")
    List<String> javaOptions = new ArrayList<>();

    @CommandLine.Mixin SandboxOptions sandbox = new SandboxOptions();

    @Override
    public Integer call() throws Exception {
      Path jar = Path.of(NotebookCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!Files.isRegularFile(jar)) {
        throw new ParameterException(spec.commandLine(), "install from the built jar (./kp notebook install), not from " + jar);
      }
      Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
      Path kernels = kernelsDir != null ? kernelsDir : JupyterKernelSpec.userKernelsDir();
      Path written = sandbox.sandbox
          // the launcher JVM only starts the sandbox and relays bytes: a small heap; the kernel JVM gets the options
          ? JupyterKernelSpec.install(kernels, launcher(java, SANDBOX_LAUNCHER_OPTIONS, jar), sandbox.kernelArguments(javaOptions))
          : JupyterKernelSpec.install(kernels, launcher(java, javaOptions, jar));
      PrintWriter out = spec.commandLine().getOut();
      out.println("Installed the Jupyter kernel 'kernel-playground': " + written);
      out.println("It runs " + java + " -jar " + jar + "; run this again after moving either.");
      if (sandbox.sandbox) {
        out.println("Its kernels start in a sandbox (" + sandbox.limits() + "); now: " + Sandbox.best(sandbox.limits()).describe());
      }
      out.flush();
      return 0;
    }
  }

  /** The JVM options of the sandboxed kernel's launcher, which only starts the sandbox and relays Jupyter's bytes. */
  static final List<String> SANDBOX_LAUNCHER_OPTIONS = List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

  /** {@code --sandbox} and its limits: for {@code install} (written into the kernelspec) and {@code kernel}. */
  static final class SandboxOptions {
    private static final Sandbox.Limits DEFAULTS = SandboxedKernel.defaultLimits();

    @Option(names = "--sandbox", description = "Start the kernel in a sandbox (bubblewrap; for shared servers): it writes only in its notebook folder and a private /tmp, reads nothing of other users, reaches no network, and runs under the limits below.")
    boolean sandbox;

    @Option(names = "--sandbox-memory-mb", paramLabel = "MB", description = "With --sandbox: the writable memory of each process of the kernel (default: 2048; the kernel JVM's heap is a quarter of it unless --java-option=-Xmx... says otherwise).")
    long memoryMb = DEFAULTS.memoryBytes() >> 20;

    @Option(names = "--sandbox-cpu-seconds", paramLabel = "S", description = "With --sandbox: the CPU time each process of the kernel may use, then it is killed (default: 14400, 4 hours).")
    long cpuSeconds = DEFAULTS.cpuSeconds();

    @Option(names = "--sandbox-processes", paramLabel = "N", description = "With --sandbox: processes and threads of the kernel together (default: 512).")
    int processes = DEFAULTS.processes();

    @Option(names = "--sandbox-file-mb", paramLabel = "MB", description = "With --sandbox: the largest file the kernel may write (default: 256; its /tmp holds twice that).")
    long fileMb = DEFAULTS.fileBytes() >> 20;

    Sandbox.Limits limits() {
      return new Sandbox.Limits(memoryMb << 20, cpuSeconds, processes, fileMb << 20);
    }

    /** The {@code kp notebook kernel} arguments that start a kernel in this sandbox, with these JVM options. */
    List<String> kernelArguments(List<String> javaOptions) {
      List<String> args = new ArrayList<>(List.of("--sandbox", "--sandbox-memory-mb=" + memoryMb, "--sandbox-cpu-seconds=" + cpuSeconds,
          "--sandbox-processes=" + processes, "--sandbox-file-mb=" + fileMb));
      javaOptions.forEach(o -> args.add("--java-option=" + o));
      return args;
    }
  }

  /** The kernel's command line up to its arguments: this JDK's java, the options, this jar. */
  static List<String> launcher(Path java, List<String> javaOptions, Path jar) {
    List<String> launcher = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true"));
    launcher.addAll(javaOptions);
    launcher.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
    return launcher;
  }

  /** {@code kp notebook run FILE.ipynb}: executes a notebook headless. */
  @Command(name = "run", description = "Run every code cell of a notebook with the playground's kernel engine, without Jupyter; exits 1 on a failing cell.")
  static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NOTEBOOK", description = "The .ipynb to run.")
    Path notebook;

    @Option(names = {"-o", "--output"}, description = "Where to write the executed notebook (default: NAME.out.ipynb beside it).")
    Path output;

    @Option(names = "--in-place", description = "Overwrite the notebook itself with the executed one.")
    boolean inPlace;

    @Option(names = "--keep-going", description = "Run every cell even after one fails (checks every exercise).")
    boolean keepGoing;

    @Option(names = "--results", description = "Also write the exercises' verdicts as JSON to this file (kept up to date after every check).")
    Path results;

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(notebook)) {
        throw new ParameterException(spec.commandLine(), "no notebook at " + notebook.toAbsolutePath());
      }
      Path target = inPlace ? notebook : output != null ? output : defaultOutput(notebook);
      PrintWriter out = spec.commandLine().getOut();
      long start = System.nanoTime();
      NotebookRunner.Outcome outcome =
          new NotebookRunner().run(notebook, target, progress -> System.err.println("kp notebook: " + progress),
              new NotebookRunner.Options(keepGoing, results));
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf("%s: %d of %d code cells ran in %.2f s; executed notebook written to %s%n",
          notebook, outcome.cellsRun(), outcome.codeCells(), seconds, target);
      if (!outcome.exercises().isEmpty()) {
        out.printf("exercises: %d of %d solved%s%n", outcome.exercises().size() - outcome.unsolved().size(),
            outcome.exercises().size(), outcome.unsolved().isEmpty() ? "" : "; not yet solved: " + String.join(", ", outcome.unsolved()));
      }
      if (!outcome.passed()) {
        out.println("FAILED at " + outcome.failure());
      }
      out.flush();
      return outcome.passed() ? 0 : 1;
    }

    private static Path defaultOutput(Path notebook) {
      String name = notebook.getFileName().toString();
      String stem = name.endsWith(".ipynb") ? name.substring(0, name.length() - ".ipynb".length()) : name;
      return notebook.resolveSibling(stem + ".out.ipynb");
    }
  }

  /** {@code kp notebook generate}: lessons/*.md → notebooks/*.ipynb. */
  @Command(name = "generate", description = "Generate notebooks/*.ipynb from the lesson sources lessons/*.md (run from the repository root).")
  static final class Generate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--root", defaultValue = ".", description = "The repository root (default: the current folder).")
    Path root;

    @Override
    public Integer call() throws Exception {
      List<Path> written = LessonFiles.generate(root);
      PrintWriter out = spec.commandLine().getOut();
      out.println(written.isEmpty() ? "notebooks/ is up to date with lessons/" : "wrote " + written);
      out.flush();
      return 0;
    }
  }

  /** {@code kp notebook lab}: starts Jupyter on the lesson notebooks, or says how to get it. */
  @Command(name = "lab", description = "Start Jupyter (JupyterLab, else the classic notebook) on notebooks/, with the kernel installed, and print its URL with the token; runs as root too (containers); says how to install Jupyter when it is missing.")
  static final class Lab implements Callable<Integer> {
    /** Where the port search starts when --port is not given: Jupyter's own default. */
    static final int DEFAULT_PORT = 8888;
    private static final int PORTS_TRIED = 50;

    @Spec CommandSpec spec;

    @Option(names = "--dir", defaultValue = "notebooks", description = "The folder Jupyter opens (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--port", description = "The port to serve on (default: the first free one from " + DEFAULT_PORT + ").")
    Integer port;

    @Option(names = "--ip", defaultValue = "127.0.0.1", description = "The address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 serves other machines too).")
    String ip;

    @Option(names = "--no-browser", description = "Do not open a browser (a server, a container, an SSH session).")
    boolean noBrowser;

    /** Extra environment for Jupyter (tests keep its config and runtime files in a temporary folder). */
    Map<String, String> environment = Map.of();

    /** Where jupyter-lab and jupyter-notebook are looked for (tests put a jupyter-lab of their own first). */
    String searchPath = System.getenv().getOrDefault("PATH", "");

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      for (String app : List.of("jupyter-lab", "jupyter-notebook")) {
        Path found = onPath(app);
        if (found != null) {
          new CommandLine(new Install()).setOut(out).setErr(spec.commandLine().getErr()).execute();
          int chosen = port != null ? port : freePort(ip);
          byte[] secret = new byte[24];
          new SecureRandom().nextBytes(secret);
          String token = HexFormat.of().formatHex(secret);
          List<String> command = new ArrayList<>(List.of(found.toString(), "--notebook-dir=" + dir.toAbsolutePath(),
              "--ip=" + ip, "--port=" + chosen, "--port-retries=0"));
          if (noBrowser) {
            command.add("--no-browser");
          }
          if (runningAsRoot()) {
            command.add("--allow-root"); // Jupyter refuses root without it; containers and workshop VMs run as root
          }
          out.println("Starting " + app + " on " + dir.toAbsolutePath() + " (Ctrl-C stops it)");
          out.println("Open " + url(ip, chosen, token));
          if (isWildcard(ip)) {
            out.println("(listening on every address: from another machine, use this machine's name or address instead of 127.0.0.1)");
          }
          out.flush();
          // no time limit: the server runs until the user stops it; the token travels in the environment, not argv
          return ChildProcess.of(command).env(environment).env("JUPYTER_TOKEN", token).runInteractive();
        }
      }
      out.println("Jupyter is not installed. On Debian: apt-get install jupyter-notebook (or: pip install jupyterlab),");
      out.println("then ./kp notebook lab again. Without Jupyter, ./kp notebook run notebooks/01-meet-ada.ipynb runs a lesson headless.");
      out.flush();
      return 1;
    }

    /** The URL a browser opens: the server's root, which forwards to JupyterLab or the notebook list. */
    static String url(String ip, int port, String token) {
      String host = isWildcard(ip) || ip.equals("localhost") ? "127.0.0.1" : ip.contains(":") ? "[" + ip + "]" : ip;
      return "http://" + host + ":" + port + "/?token=" + token;
    }

    private static boolean isWildcard(String ip) {
      return ip.equals("0.0.0.0") || ip.equals("::") || ip.equals("*") || ip.isEmpty();
    }

    /** The first port from {@link #DEFAULT_PORT} that nothing listens on at {@code ip}. */
    static int freePort(String ip) throws IOException {
      InetAddress address = isWildcard(ip) ? null : InetAddress.getByName(ip);
      for (int candidate = DEFAULT_PORT; candidate < DEFAULT_PORT + PORTS_TRIED; candidate++) {
        try (ServerSocket probe = new ServerSocket(candidate, 1, address)) {
          return candidate;
        } catch (IOException taken) {
          // try the next one
        }
      }
      throw new IOException("ports " + DEFAULT_PORT + "-" + (DEFAULT_PORT + PORTS_TRIED - 1) + " are all taken on " + ip + "; choose one with --port");
    }

    static boolean runningAsRoot() {
      try {
        return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
      } catch (IOException | UnsupportedOperationException | IllegalArgumentException noProc) {
        return "root".equals(System.getProperty("user.name"));
      }
    }

    private Path onPath(String name) {
      for (String folder : searchPath.split(java.io.File.pathSeparator)) {
        Path candidate = Path.of(folder, name);
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
      return null;
    }
  }

  /** {@code kp notebook kernel CONNECTION_FILE}: what Jupyter starts (see the kernelspec). */
  @Command(name = "kernel", hidden = true, description = "Serve one Jupyter session (Jupyter starts this; see kp notebook install).")
  static final class Kernel implements Callable<Integer> {
    @Parameters(paramLabel = "CONNECTION_FILE")
    Path connectionFile;

    @CommandLine.Mixin SandboxOptions sandbox = new SandboxOptions();

    @Option(names = "--java-option", paramLabel = "OPTION", description = "With --sandbox: a JVM option for the sandboxed kernel JVM (repeatable).")
    List<String> javaOptions = new ArrayList<>();

    @Option(names = "--relay", paramLabel = "FOLDER", description = "Reach Jupyter through the Unix sockets in FOLDER (the sandboxed kernel, started by --sandbox).")
    Path relayFolder;

    @Override
    public Integer call() throws Exception {
      return sandbox.sandbox
          ? SandboxedKernel.run(connectionFile, sandbox.limits(), javaOptions)
          : JupyterServer.serve(connectionFile, relayFolder);
    }
  }
}
