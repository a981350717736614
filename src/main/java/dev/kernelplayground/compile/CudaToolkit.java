package dev.kernelplayground.compile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CUDA toolkit's compilers on this machine: {@code nvcc} (CUDA C++ → PTX) and {@code ptxas} (PTX → machine
 * code, and the resource report). Looked for in {@code $CUDA_HOME/bin}, {@code $CUDA_PATH/bin}, on the
 * {@code PATH}, then in {@code /usr/local/cuda/bin}.
 *
 * @param nvcc the nvcc executable
 * @param ptxas the ptxas executable (beside nvcc, or on the PATH)
 * @param version nvcc's release line, e.g. "release 13.0, V13.0.88"
 */
public record CudaToolkit(Path nvcc, Path ptxas, String version) {
  private static final Pattern RELEASE = Pattern.compile("(release [^\\n]+)");

  /** The toolkit found from this process's environment, if any. */
  public static Optional<CudaToolkit> find() {
    return find(System.getenv());
  }

  /** The toolkit found from {@code env} (CUDA_HOME, CUDA_PATH, PATH). */
  public static Optional<CudaToolkit> find(Map<String, String> env) {
    List<Path> dirs = new ArrayList<>();
    for (String var : List.of("CUDA_HOME", "CUDA_PATH")) {
      String home = env.get(var);
      if (home != null && !home.isBlank()) {
        dirs.add(Path.of(home, "bin"));
      }
    }
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isBlank()) {
        dirs.add(Path.of(dir));
      }
    }
    dirs.add(Path.of("/usr/local/cuda/bin"));
    for (Path dir : dirs) {
      Path nvcc = dir.resolve("nvcc");
      Path ptxas = dir.resolve("ptxas");
      if (Files.isExecutable(nvcc) && Files.isExecutable(ptxas)) {
        return Optional.of(new CudaToolkit(nvcc, ptxas, versionOf(nvcc)));
      }
    }
    return Optional.empty();
  }

  /** Why no toolkit was found, for messages and skipped tests. */
  public static String whereLooked() {
    return "no nvcc with ptxas beside it in $CUDA_HOME/bin, $CUDA_PATH/bin, on the PATH or in /usr/local/cuda/bin;"
        + " install the CUDA toolkit (it needs no GPU) or set CUDA_HOME";
  }

  private static String versionOf(Path nvcc) {
    try {
      Process p = new ProcessBuilder(nvcc.toString(), "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      p.waitFor();
      Matcher m = RELEASE.matcher(out);
      return m.find() ? m.group(1).trim() : out.trim();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
