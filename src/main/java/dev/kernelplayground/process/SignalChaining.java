package dev.kernelplayground.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The JDK's signal chaining, which every JVM that runs Java kernels on PoCL needs. PoCL compiles OpenCL C with
 * LLVM inside the JVM, and LLVM puts its own SIGSEGV, SIGBUS, SIGILL and SIGFPE handlers over the JVM's while it
 * writes a file. The JVM raises SIGSEGV itself, routinely: a Java thread in a compiled loop reaches a safepoint
 * (for the garbage collector, the JIT, a stack dump) by reading a protected page. LLVM's handler then runs
 * first, deletes the files it is writing, gives the JVM its handlers back and lets the JVM go on — and the
 * kernel's build fails ("unable to rename temporary ... No such file or directory"). {@code
 * KernelBuildsWhileJavaPausesTest}: 30 of 30 builds fail in a plain JVM while another thread pauses every Java
 * thread each millisecond, none with the JDK's {@code libjsig} preloaded, which keeps the JVM's handlers in place
 * and hands LLVM only the signals that are not the JVM's own. So every JVM the playground starts gets it: the
 * {@code kp} script, the kernelspec, the tests, and every child JVM ({@link ChildProcess#asJvm()}: the sandboxed
 * kernel, the grader's learner JVM, the OpenCL run).
 */
public final class SignalChaining {
  /** The variable the dynamic loader reads libraries to load first from. */
  public static final String PRELOAD = "LD_PRELOAD";

  private SignalChaining() {}

  /** The JDK's {@code libjsig} under {@code javaHome}, if it has one (Linux JDKs do). */
  public static Optional<Path> library(Path javaHome) {
    return Optional.of(javaHome.resolve("lib/libjsig.so")).filter(Files::isRegularFile);
  }

  /**
   * The environment for a JVM of this JDK ({@code java.home}) to start with: {@code LD_PRELOAD} with
   * {@code libjsig} first, then whatever this process preloads; empty where the JDK has no {@code libjsig}.
   */
  public static Map<String, String> environment() {
    return environment(Path.of(System.getProperty("java.home")), System.getenv(PRELOAD));
  }

  static Map<String, String> environment(Path javaHome, String preloaded) {
    return library(javaHome).map(lib -> {
      String mine = lib.toString();
      if (preloaded == null || preloaded.isBlank()) {
        return Map.of(PRELOAD, mine);
      }
      boolean already = Arrays.asList(preloaded.split("[: ]")).contains(mine);
      return Map.of(PRELOAD, already ? preloaded : mine + ":" + preloaded);
    }).orElse(Map.of());
  }

  /**
   * Whether this JVM has {@code libjsig} loaded, read from {@code /proc/self/maps}; true where there is no such
   * file to read (not Linux), since nothing can be said there.
   */
  public static boolean loaded() {
    Path maps = Path.of("/proc/self/maps");
    if (!Files.isReadable(maps)) {
      return true;
    }
    try (var lines = Files.lines(maps)) {
      return lines.anyMatch(l -> l.endsWith("/libjsig.so"));
    } catch (IOException | UncheckedIOException unreadable) {
      return true;
    }
  }

  /** What to tell someone whose OpenCL build failed in a JVM without it, or null when it is loaded. */
  public static String missingAdvice() {
    if (loaded()) {
      return null;
    }
    String lib = library(Path.of(System.getProperty("java.home"))).map(Path::toString).orElse("$JAVA_HOME/lib/libjsig.so");
    return "this JVM was started without the JDK's signal chaining, and then PoCL's compiler deletes its own files"
        + " whenever a Java thread pauses: start it through ./kp (or the installed Jupyter kernel), or with "
        + PRELOAD + "=" + lib;
  }
}
