package dev.kernelplayground.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * A cage for a child that runs someone else's code (a learner's, while grading): no network, a read-only
 * view of the system, a private writable /tmp, nothing else of the machine's files but the paths the caller
 * names, and limits on memory, CPU time, processes and file size. The whole tree lives in its own process
 * namespace, so killing the child kills everything it started.
 *
 * <p>Three kinds, the best this machine offers: {@link Kind#BUBBLEWRAP} (Debian's {@code bwrap}: all of the
 * above), {@link Kind#UNSHARE} (util-linux's {@code unshare}: no network, own process tree and the limits, but
 * the files of the machine stay visible, with the grader's rights) and {@link Kind#NONE} (limits only; the
 * child can read and write whatever the grader can). {@link #describe()} says which, in words.
 *
 * <p>A sandbox applies to one child ({@link ChildProcess#sandbox}) or to every child started on a thread
 * and the threads it starts while {@link #around} runs (a learner's kernel compiled and launched deep inside
 * the emulator).
 */
public final class Sandbox {
  /** How much isolation this machine gives. */
  public enum Kind {
    BUBBLEWRAP,
    UNSHARE,
    NONE
  }

  /**
   * The most a sandboxed child may use.
   *
   * @param memoryBytes writable memory (RLIMIT_DATA: heap, mmap'd memory, thread stacks)
   * @param cpuSeconds CPU time of each process (then SIGXCPU)
   * @param processes processes and threads together (RLIMIT_NPROC, counted inside the sandbox's own user)
   * @param fileBytes the largest file it may write (RLIMIT_FSIZE); its private /tmp holds twice that
   */
  public record Limits(long memoryBytes, long cpuSeconds, int processes, long fileBytes) {
    /** The limits a grader gives one learner: 2 GB, CPU time as long as the time limit, 256 processes, 256 MB files. */
    public static Limits grading(Duration timeLimit) {
      return new Limits(2L << 30, Math.max(5, timeLimit.toSeconds()), 256, 256L << 20);
    }

    /** E.g. "2 GB". */
    public static String bytes(long bytes) {
      return bytes % (1L << 30) == 0 ? (bytes >> 30) + " GB" : (bytes >> 20) + " MB";
    }

    @Override
    public String toString() {
      return "memory " + bytes(memoryBytes) + ", CPU " + cpuSeconds + " s, " + processes + " processes, files up to "
          + bytes(fileBytes);
    }
  }

  private static final InheritableThreadLocal<Sandbox> CURRENT = new InheritableThreadLocal<>();
  private static volatile Kind available;

  /** The files every child may read: the system's programs and libraries, and the few /etc files they need. */
  private static final List<String> SYSTEM = List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");

  private static final List<String> ETC = List.of(
      "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives", "/etc/localtime",
      "/etc/passwd", "/etc/group", "/etc/nsswitch.conf", "/etc/java-17-openjdk", "/etc/java-21-openjdk");

  private final Kind kind;
  private final Limits limits;

  private Sandbox(Kind kind, Limits limits) {
    this.kind = kind;
    this.limits = limits;
  }

  /** The best sandbox this machine offers, with these limits. */
  public static Sandbox best(Limits limits) {
    return new Sandbox(bestKind(), limits);
  }

  /** A sandbox of the given kind (tests pick one; {@link #best} is what the grader uses). */
  public static Sandbox of(Kind kind, Limits limits) {
    return new Sandbox(kind, limits);
  }

  public Kind kind() {
    return kind;
  }

  public Limits limits() {
    return limits;
  }

  /** What the sandbox keeps a learner's code from, and what it does not, in one sentence. */
  public String describe() {
    return walls() + (processLimit() == ProcessLimit.NONE
        ? "; the number of processes is NOT limited (" + (ROOT ? "running as root without a writable pids cgroup" : "no user namespace")
            + "): a fork bomb can slow this machine until the time limit kills it"
        : "");
  }

  private String walls() {
    return switch (kind) {
      case BUBBLEWRAP -> "bubblewrap sandbox: no network, the system read-only, no other files of this machine, a private /tmp; "
          + limits;
      case UNSHARE -> "unshare sandbox (install bubblewrap for more): no network, its own process tree, " + limits
          + "; it can still read and write the files this user can";
      case NONE -> "NO SANDBOX (neither bwrap nor unshare works here): learner code runs with your rights, can read and write "
          + "your files, start processes and reach the network; only its memory, CPU time and file size are limited";
    };
  }

  /** Runs {@code work} with every child it starts (on this thread or threads it creates) inside this sandbox. */
  public <T> T around(Callable<T> work) throws Exception {
    Sandbox before = CURRENT.get();
    CURRENT.set(this);
    try {
      return work.call();
    } finally {
      CURRENT.set(before);
    }
  }

  /** The sandbox {@link #around} put in place for this thread, or null. */
  static Sandbox current() {
    return CURRENT.get();
  }

  /**
   * The command that runs {@code command} in the sandbox, seeing only the system, {@code readable} (read-only)
   * and {@code writable} paths; in {@code directory} (or /tmp); with only {@code environment} set besides PATH,
   * HOME (/tmp) and LANG.
   */
  List<String> wrap(List<String> command, List<Path> readable, List<Path> writable, Path directory, Map<String, String> environment) {
    List<String> wrapped = new ArrayList<>();
    switch (kind) {
      case BUBBLEWRAP -> wrapped.addAll(bubblewrap(readable, writable, directory, environment));
      case UNSHARE -> {
        wrapped.addAll(List.of("unshare", "--user", "--map-current-user", "--net", "--pid", "--fork", "--kill-child",
            "--mount", "--mount-proc", "--", "env", "-i"));
        environment(environment).forEach((k, v) -> wrapped.add(k + "=" + v));
      }
      case NONE -> {}
    }
    wrapped.addAll(List.of("prlimit", "--data=" + limits.memoryBytes(), "--cpu=" + limits.cpuSeconds() + ":" + (limits.cpuSeconds() + 5),
        "--fsize=" + limits.fileBytes(), "--core=0"));
    if (processLimit() == ProcessLimit.RLIMIT) {
      wrapped.add("--nproc=" + limits.processes());
    }
    wrapped.add("--");
    wrapped.addAll(command);
    return processLimit() == ProcessLimit.CGROUP ? inCgroup(wrapped) : wrapped;
  }

  /** bwrap's arguments up to its "--": the system read-only, a private /tmp, the named paths, nothing else. */
  private List<String> bubblewrap(List<Path> readable, List<Path> writable, Path directory, Map<String, String> environment) {
    List<String> args = new ArrayList<>(List.of("bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--clearenv"));
    for (String dir : SYSTEM) {
      Path p = Path.of(dir);
      if (Files.isSymbolicLink(p)) {
        args.addAll(List.of("--symlink", readLink(p), dir));
      } else if (Files.isDirectory(p)) {
        args.addAll(List.of("--ro-bind", dir, dir));
      }
    }
    ETC.stream().filter(f -> Files.exists(Path.of(f))).forEach(f -> args.addAll(List.of("--ro-bind", f, f)));
    args.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--size", Long.toString(2 * limits.fileBytes()), "--tmpfs", "/tmp"));
    readable.stream().map(Sandbox::real).filter(Objects::nonNull).forEach(p -> args.addAll(List.of("--ro-bind", p, p)));
    writable.stream().map(Sandbox::real).filter(Objects::nonNull).forEach(p -> args.addAll(List.of("--bind", p, p)));
    args.addAll(List.of("--chdir", directory == null ? "/tmp" : directory.toAbsolutePath().toString()));
    environment(environment).forEach((k, v) -> args.addAll(List.of("--setenv", k, v)));
    args.add("--");
    return args;
  }

  /**
   * The command in a pids cgroup of its own (and a cpu one, where there is a separate cpu hierarchy: a
   * sandbox with many processes then gets no more CPU than one with few), made by a shell that then becomes
   * the command; {@link #endedAtProcessLimit} removes them.
   */
  private List<String> inCgroup(List<String> command) {
    String script = "d=" + PIDS_CGROUP + "/kp-sandbox-$$; mkdir \"$d\" && echo " + limits.processes() + " > \"$d/pids.max\" "
        + "&& echo $$ > \"$d/cgroup.procs\" && "
        + (CPU_CGROUP == null ? "" : "{ c=" + CPU_CGROUP + "/kp-sandbox-$$; mkdir \"$c\" && echo $$ > \"$c/cgroup.procs\" || true; } && ")
        + "exec \"$@\"";
    List<String> inCgroup = new ArrayList<>(List.of("sh", "-c", script, "sh"));
    inCgroup.addAll(command);
    return inCgroup;
  }

  /**
   * After the sandboxed child {@code pid} (the process {@link ChildProcess} started) ended: whether a fork
   * failed at the process limit, where a pids cgroup counts it (running as root); its cgroup is removed.
   */
  boolean endedAtProcessLimit(long pid) {
    if (processLimit() != ProcessLimit.CGROUP) {
      return false;
    }
    Path cgroup = Path.of(PIDS_CGROUP, "kp-sandbox-" + pid);
    boolean hit;
    try {
      hit = Files.readString(cgroup.resolve("pids.events")).lines().anyMatch(l -> l.startsWith("max ") && !l.equals("max 0"));
    } catch (IOException e) {
      return false;
    }
    removeCgroups(pid);
    return hit;
  }

  /**
   * Removes the cgroups of the sandboxed child {@code pid} after it ended unseen: the process that started it
   * was killed before it could ({@link #endedAtProcessLimit} does it otherwise). Does nothing while it lives.
   */
  public static void forget(long pid) {
    if (PIDS_CGROUP != null && ProcessHandle.of(pid).isEmpty()) {
      removeCgroups(pid);
    }
  }

  private static void removeCgroups(long pid) {
    remove(Path.of(PIDS_CGROUP, "kp-sandbox-" + pid));
    if (CPU_CGROUP != null) {
      remove(Path.of(CPU_CGROUP, "kp-sandbox-" + pid));
    }
  }

  /** Removes a cgroup once the last of its killed processes is gone (up to 5 s). */
  private static void remove(Path cgroup) {
    for (int attempt = 0; attempt < 50 && Files.exists(cgroup); attempt++) {
      try {
        Files.deleteIfExists(cgroup);
      } catch (IOException busy) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** How the number of processes is limited: rlimit, pids cgroup, or not at all. */
  enum ProcessLimit {
    /**
     * RLIMIT_NPROC in a user namespace of the sandbox's own, where it counts only the sandbox's processes;
     * it does not bind root (the kernel exempts host uid 0), nor a child outside a user namespace.
     */
    RLIMIT,
    /** A pids cgroup per sandbox: binds root too; needs a writable pids hierarchy. */
    CGROUP,
    NONE
  }

  private static final String PIDS_CGROUP = pidsCgroup();
  /** cgroup v1's cpu hierarchy, when writable; on v2 a sandbox's one cgroup would need the cpu controller enabled too. */
  private static final String CPU_CGROUP =
      Files.isDirectory(Path.of("/sys/fs/cgroup/cpu")) && Files.isWritable(Path.of("/sys/fs/cgroup/cpu")) && PIDS_CGROUP != null
          && PIDS_CGROUP.endsWith("/pids") ? "/sys/fs/cgroup/cpu" : null;

  /** A writable pids cgroup hierarchy (v1 /sys/fs/cgroup/pids, or v2 with pids enabled), or null. */
  private static String pidsCgroup() {
    Path v1 = Path.of("/sys/fs/cgroup/pids");
    if (Files.isDirectory(v1) && Files.isWritable(v1)) {
      return v1.toString();
    }
    Path v2 = Path.of("/sys/fs/cgroup");
    try {
      if (Files.isWritable(v2) && Files.readString(v2.resolve("cgroup.subtree_control")).contains("pids")) {
        return v2.toString();
      }
    } catch (IOException e) {
      // no v2 hierarchy
    }
    return null;
  }

  private static boolean root() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0"));
    } catch (IOException e) {
      return false;
    }
  }

  private static final boolean ROOT = root();

  ProcessLimit processLimit() {
    if (ROOT) {
      return PIDS_CGROUP != null ? ProcessLimit.CGROUP : ProcessLimit.NONE;
    }
    return kind == Kind.NONE ? ProcessLimit.NONE : ProcessLimit.RLIMIT;
  }

  private static Map<String, String> environment(Map<String, String> extra) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("HOME", "/tmp");
    env.put("LANG", "C.UTF-8");
    env.putAll(extra);
    return env;
  }

  private static String readLink(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the link " + link, e);
    }
  }

  /** The path with its links resolved, or null when it does not exist. */
  private static String real(Path p) {
    try {
      return p.toRealPath().toString();
    } catch (IOException e) {
      return null;
    }
  }

  /** Whether bwrap, else unshare, really works here (a container may forbid user namespaces): probed once. */
  private static synchronized Kind bestKind() {
    if (available == null) {
      Kind found = Kind.NONE;
      for (Kind k : List.of(Kind.BUBBLEWRAP, Kind.UNSHARE)) {
        if (works(new Sandbox(k, new Limits(1L << 30, 10, 64, 1L << 20)))) {
          found = k;
          break;
        }
      }
      available = found;
    }
    return available;
  }

  private static boolean works(Sandbox sandbox) {
    try {
      ChildProcess.Result r = ChildProcess.of("true").sandbox(sandbox).mergeStderr().timeout(Duration.ofSeconds(20)).run();
      return r.succeeded();
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(Locale.ROOT) + " (" + limits + ")";
  }
}
