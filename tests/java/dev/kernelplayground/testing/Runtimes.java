package dev.kernelplayground.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Gate for tests that need something outside the JVM (a C++ compiler, the CUDA toolkit, OpenCL, a GPU).
 *
 * <p>On a developer machine a missing runtime skips the test with the reason shown. CI lists the runtimes
 * it installs in the environment variable {@code KP_REQUIRED_RUNTIMES} (comma separated); there a missing
 * runtime fails the test, so nothing CI could run is silently skipped.
 */
public final class Runtimes {
  public static final String CXX = "cxx";
  public static final String CUDA_TOOLKIT = "cuda-toolkit";
  public static final String OPENCL = "opencl";
  public static final String JUPYTER = "jupyter";
  /** A Jupyter server to serve notebooks in a browser: JupyterLab or the classic Notebook. */
  public static final String JUPYTER_SERVER = "jupyter-server";
  /** {@code python3} on PATH (any version; its packages are not required). */
  public static final String PYTHON = "python3";
  /** Bubblewrap working here (user namespaces allowed): the grader's sandbox. */
  public static final String SANDBOX = "sandbox";
  /** A clang++ whose CUDA front end checks device code for host calls. */
  public static final String CLANG_CUDA = "clang-cuda";

  private Runtimes() {}

  public static Set<String> required() {
    String listed = System.getenv().getOrDefault("KP_REQUIRED_RUNTIMES", "");
    return Arrays.stream(listed.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Skips (or, where CI requires the runtime, fails) the calling test when {@code present} is false. */
  public static void assume(String runtime, boolean present, String whyMissing) {
    if (present) {
      return;
    }
    String message = "runtime '" + runtime + "' is missing: " + whyMissing;
    if (required().contains(runtime)) {
      fail(message + " (KP_REQUIRED_RUNTIMES says this machine must have it)");
    }
    Assumptions.abort(message);
  }
}
