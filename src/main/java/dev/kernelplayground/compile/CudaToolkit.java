package dev.kernelplayground.compile;

import dev.kernelplayground.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CUDA toolkit's compilers on this machine: {@code nvcc} (CUDA C++ → PTX) and {@code ptxas} (PTX → machine
 * code, and the resource report). The one place that looks for nvcc: {@code -Dkp.nvcc} or {@code $KP_NVCC} when set (a path to
 * nvcc; when it names nothing executable the machine counts as having no toolkit, which is how tests simulate
 * one without CUDA), else {@code $CUDA_HOME/bin}, {@code $CUDA_PATH/bin}, the {@code PATH}, then
 * {@code /usr/local/cuda/bin}.
 *
 * @param nvcc the nvcc executable
 * @param ptxas the ptxas executable (beside nvcc, or on the PATH)
 * @param version nvcc's release line, e.g. "release 13.0, V13.0.88"
 */
public record CudaToolkit(Path nvcc, Path ptxas, String version) {
  /** The environment variable that names nvcc and switches the search off. */
  public static final String NVCC_VARIABLE = "KP_NVCC";

  private static final Pattern RELEASE = Pattern.compile("(release [^\\n]+)");
  private static final Pattern RELEASE_NUMBER = Pattern.compile("release ([0-9.]+)");
  private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(20);

  /**
   * The system property that does in-process what {@link #NVCC_VARIABLE} does, and wins over it: a test runs a notebook
   * as on a machine without the toolkit with {@code -Dkp.nvcc=/nowhere/nvcc} (or by setting it for a while).
   */
  public static final String NVCC_PROPERTY = "kp.nvcc";

  /** What {@link #find()} found, per value of {@link #NVCC_PROPERTY} ("" when unset); the environment does not change. */
  private static final Map<String, Optional<CudaToolkit>> HERE = new ConcurrentHashMap<>();

  /** The toolkit found from this process's environment and {@link #NVCC_PROPERTY}, if any (looked for once per value). */
  public static Optional<CudaToolkit> find() {
    return HERE.computeIfAbsent(System.getProperty(NVCC_PROPERTY, ""), chosen -> find(environment()));
  }

  /** This process's environment, with {@link #NVCC_PROPERTY} as {@link #NVCC_VARIABLE} when it is set. */
  private static Map<String, String> environment() {
    String chosen = System.getProperty(NVCC_PROPERTY, "");
    if (chosen.isBlank()) {
      return System.getenv();
    }
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put(NVCC_VARIABLE, chosen);
    return env;
  }

  /** The toolkit found from {@code env} (KP_NVCC, CUDA_HOME, CUDA_PATH, PATH). */
  public static Optional<CudaToolkit> find(Map<String, String> env) {
    String chosen = env.get(NVCC_VARIABLE);
    if (chosen != null && !chosen.isBlank()) {
      return chosen(Path.of(chosen), env);
    }
    List<Path> dirs = new ArrayList<>();
    for (String var : List.of("CUDA_HOME", "CUDA_PATH")) {
      String home = env.get(var);
      if (home != null && !home.isBlank()) {
        dirs.add(Path.of(home, "bin"));
      }
    }
    dirs.addAll(pathDirs(env));
    dirs.add(Path.of("/usr/local/cuda/bin"));
    for (Path dir : dirs) {
      Path nvcc = dir.resolve("nvcc");
      Path ptxas = dir.resolve("ptxas");
      if (isProgram(nvcc) && isProgram(ptxas)) {
        return Optional.of(new CudaToolkit(nvcc, ptxas, versionOf(nvcc)));
      }
    }
    return Optional.empty();
  }

  /** KP_NVCC's nvcc, with the ptxas beside it (or beside the file a link points to, or on the PATH). */
  private static Optional<CudaToolkit> chosen(Path nvcc, Map<String, String> env) {
    if (!isProgram(nvcc)) {
      return Optional.empty();
    }
    List<Path> candidates = new ArrayList<>();
    candidates.add(nvcc.resolveSibling("ptxas"));
    try {
      candidates.add(nvcc.toRealPath().resolveSibling("ptxas"));
    } catch (IOException e) {
      // checked as executable above; a link that vanished since has no ptxas either
    }
    pathDirs(env).forEach(dir -> candidates.add(dir.resolve("ptxas")));
    return candidates.stream()
        .filter(CudaToolkit::isProgram)
        .findFirst()
        .map(ptxas -> new CudaToolkit(nvcc, ptxas, versionOf(nvcc)));
  }

  private static List<Path> pathDirs(Map<String, String> env) {
    List<Path> dirs = new ArrayList<>();
    for (String dir : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isBlank()) {
        dirs.add(Path.of(dir));
      }
    }
    return dirs;
  }

  private static boolean isProgram(Path file) {
    return Files.isRegularFile(file) && Files.isExecutable(file);
  }

  /** Why no toolkit was found, for messages and skipped tests. */
  public static String whereLooked() {
    return whereLooked(environment());
  }

  /** Why {@link #find(Map)} found no toolkit in {@code env}. */
  static String whereLooked(Map<String, String> env) {
    String chosen = env.get(NVCC_VARIABLE);
    if (chosen != null && !chosen.isBlank()) {
      return "no nvcc at " + NVCC_VARIABLE + "=" + chosen + " (not an executable nvcc with ptxas beside it or on the"
          + " PATH); point " + NVCC_VARIABLE + " at the toolkit's nvcc, or unset it to look in $CUDA_HOME/bin,"
          + " $CUDA_PATH/bin, the PATH and /usr/local/cuda/bin";
    }
    return "no nvcc with ptxas beside it in $CUDA_HOME/bin, $CUDA_PATH/bin, on the PATH or in /usr/local/cuda/bin;"
        + " install the CUDA toolkit (it needs no GPU) or set CUDA_HOME";
  }

  /** The release number alone, e.g. "13.0"; empty when nvcc did not say. */
  public Optional<String> release() {
    Matcher m = RELEASE_NUMBER.matcher(version);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static String versionOf(Path nvcc) {
    try {
      ChildProcess.Result run = ChildProcess.of(nvcc.toString(), "--version").mergeStderr().timeout(VERSION_TIMEOUT).run();
      if (run.timedOut()) {
        return "unknown (nvcc --version took more than " + VERSION_TIMEOUT.toSeconds() + " s)";
      }
      Matcher m = RELEASE.matcher(run.stdout());
      return m.find() ? m.group(1).trim() : run.stdout().trim();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
