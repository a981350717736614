package dev.kernelplayground.notebook;

import dev.kernelplayground.cudasource.KernelLibrary;
import dev.kernelplayground.process.ChildProcess;
import dev.kernelplayground.process.Sandbox;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * Starts the Jupyter kernel inside a {@link Sandbox}, for a shared server where one learner's cell must not
 * read or write other learners' files, the teacher's or the system's, nor fork-bomb or fill the machine.
 * What the kernel JVM sees: the system, this JDK, the playground's jar and the {@code kernels/} library
 * read-only; the notebook folder (the kernel's working directory), the playground's and PoCL's caches and a
 * private /tmp writable; nothing else. Its network namespace has only a loopback of its own, and
 * {@link KernelRelay} carries Jupyter's five connections in through Unix sockets, so learner code reaches
 * nothing on the network, not even the machine's own loopback. The emulator's g++ and kernel processes,
 * and PoCL, run inside the same sandbox and under the same limits.
 *
 * <p>Where no sandbox works ({@link Sandbox.Kind#NONE}) the kernel still starts, with the limits only, and
 * says so in its banner and its log.
 */
public final class SandboxedKernel {
  /** Set in the sandboxed kernel's environment: what its sandbox allows, for the banner and for errors. */
  static final String NOTE_VARIABLE = "KP_KERNEL_SANDBOX";

  /** Where the OpenCL loader finds its drivers (PoCL's ICD file). */
  private static final Path OPENCL_VENDORS = Path.of("/etc/OpenCL");
  /** The CPU topology PoCL reads (through hwloc): without it PoCL finds no device ("Not enough memory to run"). */
  private static final Path CPU_TOPOLOGY = Path.of("/sys/devices/system/cpu");

  private SandboxedKernel() {}

  /**
   * The kernel's defaults on a workshop server: memory 2 GB per process (a kernel JVM with a 512 MiB heap
   * measured ~575 MiB after lesson 1, docs/workshops.md; its committed memory runs higher than its RSS),
   * 4 hours of CPU time for the kernel's whole session, 512 processes and threads (a kernel JVM runs ~60
   * threads, PoCL one per core), files up to 256 MB.
   */
  public static Sandbox.Limits defaultLimits() {
    return new Sandbox.Limits(2L << 30, 4 * 3600, 512, 256L << 20);
  }

  /**
   * Runs the kernel for {@code connectionFile} in the best sandbox this machine offers, with {@code limits};
   * the kernel JVM gets {@code javaOptions}. Returns the kernel's exit status when it ends.
   */
  public static int run(Path connectionFile, Sandbox.Limits limits, List<String> javaOptions) throws IOException, InterruptedException {
    KernelConnectionProperties connection = KernelConnectionProperties.parse(Files.readString(connectionFile));
    if (!"tcp".equals(connection.getTransport())) {
      throw new IOException("the sandboxed kernel needs Jupyter's tcp transport, not " + connection.getTransport());
    }
    Path notebookFolder = Path.of("").toAbsolutePath().normalize();
    String refused = refusedFolder(notebookFolder, Path.of(System.getProperty("user.home")));
    if (refused != null) {
      throw new IOException(refused);
    }
    Sandbox sandbox = Sandbox.best(limits);
    String note = note(sandbox, notebookFolder);
    System.err.println("kernel-playground: " + note);
    if (sandbox.kind() == Sandbox.Kind.NONE) {
      // no namespace to relay into: the kernel binds Jupyter's ports itself, under the limits only
      return sandboxed(sandbox, kernelCommand(javaOptions, limits.memoryBytes(), null, connectionFile), note, notebookFolder).runInteractive();
    }
    removeLeftovers();
    // mode 700: only this user's processes reach the sockets; named for this process, so a later launch can
    // remove it if this one is killed (Jupyter kills a kernel that does not stop within seconds)
    Path shared = Files.createTempDirectory(SHARED_PREFIX + ProcessHandle.current().pid() + "-");
    try {
      Path copy = Files.copy(connectionFile, shared.resolve("connection.json"));
      List<Integer> ports = List.of(connection.getShellPort(), connection.getControlPort(), connection.getIopubPort(),
          connection.getStdinPort(), connection.getHbPort());
      try (KernelRelay relay = KernelRelay.outside(shared, connection.getIp(), ports)) {
        List<String> command = new ArrayList<>();
        if (sandbox.kind() == Sandbox.Kind.UNSHARE) {
          // unshare leaves the new namespace's loopback down (bwrap brings it up): the kernel binds it
          command.addAll(List.of("sh", "-c", "ip link set lo up && exec \"$@\"", "sh"));
        }
        command.addAll(kernelCommand(javaOptions, limits.memoryBytes(), shared, copy));
        return sandboxed(sandbox, command, note, notebookFolder).writable(shared)
            .onStart(p -> remember(shared.resolve(SANDBOX_PID), p.pid())).runInteractive();
      }
    } finally {
      PathUtils.deleteDirectory(shared);
    }
  }

  /**
   * Why the kernel must not get {@code notebookFolder} writable, or null: it holds the home folder, and a
   * writable home would let a cell plant {@code ~/.jupyter} or {@code ~/.bashrc} code that runs outside the
   * sandbox at the next start.
   */
  static String refusedFolder(Path notebookFolder, Path home) {
    Path folder = notebookFolder.toAbsolutePath().normalize();
    Path homeFolder = home.toAbsolutePath().normalize();
    return homeFolder.startsWith(folder)
        ? "the sandboxed kernel was started in " + folder + ", which holds the home folder " + homeFolder
            + ": it would be writable from the sandbox; keep notebooks in a sub-folder (e.g. ~/notebooks)"
        : null;
  }

  private static final String SHARED_PREFIX = "kp-kernel-";

  /** The file in the shared folder that names the sandbox's process, whose cgroups a later launch removes if this one is killed. */
  private static final String SANDBOX_PID = "sandbox.pid";

  private static void remember(Path file, long pid) {
    try {
      Files.writeString(file, Long.toString(pid));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Removes what launchers that were killed left (their process is gone): the shared folder, and the
   * sandbox's cgroups; other users' folders are not ours to read.
   */
  private static void removeLeftovers() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Pattern named = Pattern.compile(SHARED_PREFIX + "(\\d+)-\\d+");
    try (Stream<Path> entries = Files.list(tmp)) {
      for (Path p : entries.toList()) {
        Matcher m = named.matcher(p.getFileName().toString());
        if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
          try {
            Path pid = p.resolve(SANDBOX_PID);
            if (Files.isRegularFile(pid)) {
              Sandbox.forget(Long.parseLong(Files.readString(pid).strip()));
            }
            PathUtils.deleteDirectory(p);
          } catch (IOException | NumberFormatException notOurs) {
            // another user's, already gone, or not a launcher's
          }
        }
      }
    } catch (IOException unreadable) {
      // nothing to tidy
    }
  }

  /** The kernel JVM's command line: this JDK, this class path, {@code kp notebook kernel [--relay FOLDER] FILE}. */
  private static List<String> kernelCommand(List<String> javaOptions, long memoryBytes, Path relayFolder, Path connectionFile) {
    List<String> command = new ArrayList<>(List.of(ChildProcess.javaBinary(), "--enable-native-access=ALL-UNNAMED",
        SnippetClassFiles.JAVA_OPTION, "-Djava.awt.headless=true"));
    command.addAll(javaOptions);
    if (javaOptions.stream().noneMatch(o -> o.startsWith("-Xmx"))) {
      command.add("-Xmx" + (memoryBytes / 4 >> 20) + "m"); // the JVM's default, a quarter of the machine, would run into the limit
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.kernelplayground.cli.Main", "notebook", "kernel"));
    if (relayFolder != null) {
      command.addAll(List.of("--relay", relayFolder.toString()));
    }
    command.add(connectionFile.toString());
    return command;
  }

  /** The kernel's child process in the sandbox: what it reads and writes, and its environment. */
  private static ChildProcess sandboxed(Sandbox sandbox, List<String> command, String note, Path notebookFolder) throws IOException {
    ChildProcess child = ChildProcess.of(command).asJvm().sandbox(sandbox).directory(notebookFolder)
        .readable(OPENCL_VENDORS, CPU_TOPOLOGY)
        .writable(notebookFolder);
    classPath().forEach(child::readable);
    kernelLibrary(notebookFolder).ifPresent(child::readable);
    Map<String, String> environment = new LinkedHashMap<>();
    Path cache = cacheBase();
    environment.put("XDG_CACHE_HOME", cache.toString());
    for (String mine : List.of("kernel-playground", "pocl")) {
      child.writable(Files.createDirectories(cache.resolve(mine)));
    }
    String emulatorCache = System.getenv("KP_EMULATOR_CACHE");
    if (emulatorCache != null && !emulatorCache.isBlank()) {
      environment.put("KP_EMULATOR_CACHE", emulatorCache);
      child.writable(Files.createDirectories(Path.of(emulatorCache)));
    }
    environment.put(NOTE_VARIABLE, note);
    return child.env(environment);
  }

  /** What the sandbox allows, in a sentence for the banner, the log and file errors. */
  static String note(Sandbox sandbox, Path notebookFolder) {
    return "this kernel runs in a " + sandbox.describe()
        + (sandbox.kind() == Sandbox.Kind.BUBBLEWRAP ? "; it writes only in its notebook folder " + notebookFolder + " and its /tmp" : "");
  }

  /** The sandbox note the launcher gave this kernel, or null when it runs without {@link SandboxedKernel}. */
  static String current() {
    String note = System.getenv(NOTE_VARIABLE);
    return note == null || note.isBlank() ? null : note;
  }

  private static List<Path> classPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.isBlank()).map(e -> Path.of(e).toAbsolutePath()).toList();
  }

  /** The {@code kernels/} library the notebook folder's lessons load (from it or above it), if any. */
  private static Optional<Path> kernelLibrary(Path notebookFolder) {
    try {
      return Optional.of(KernelLibrary.find(notebookFolder).root());
    } catch (IllegalArgumentException none) {
      return Optional.empty();
    }
  }

  /** $XDG_CACHE_HOME, else ~/.cache: the playground's and PoCL's caches live in it. */
  private static Path cacheBase() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    return xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
  }
}
