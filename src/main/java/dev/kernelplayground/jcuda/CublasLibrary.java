package dev.kernelplayground.jcuda;

import dev.kernelplayground.process.ChildProcess;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Finds cuBLAS and binds it through java.lang.foreign: no JCublas, so the CUDA 13 library serves as well as
 * the CUDA 12 one (JCublas 12.6 links libcublas.so.12 by its symbol versions, which CUDA 13 does not have).
 *
 * <p>Where it looks, in order: the file named by {@code KP_CUBLAS} (only there, when it is set); then
 * {@code libcublas.so.13} and then {@code libcublas.so.12}, each first through the system loader's search
 * (LD_LIBRARY_PATH, the ld.so cache) and then among the NVIDIA pip packages of {@code python3}'s
 * site-packages ({@code nvidia/.../lib/libcublas.so.N}, from nvidia-cublas-cu12 or the CUDA 13 wheels;
 * python3 is asked, through {@link ChildProcess}, only when the loader found neither name). On Windows the
 * libraries are {@code cublas64_13.dll} and {@code cublas64_12.dll}: not looked for, but {@code KP_CUBLAS}
 * may name one.
 *
 * <p>The binding class is compiled for Java 22 (src/main/java22) and loaded by name: on Java 21 the reason
 * says so instead.
 */
final class CublasLibrary {
  static final List<String> NAMES = List.of("libcublas.so.13", "libcublas.so.12");
  private static final String BINDING = "dev.kernelplayground.jcuda.ForeignCublas";

  /**
   * The binding and the library file that serves it, or why there is none (one line).
   *
   * @param served the file, e.g. "/usr/lib/x86_64-linux-gnu/libcublas.so.13.0.0.19" (for a name the loader
   *     found, the file it mapped, read from /proc/self/maps where there is one)
   */
  record Lookup(CublasBinding binding, String served, String missing) {
    boolean found() {
      return binding != null;
    }

    static Lookup of(CublasBinding binding) {
      String library = binding.library();
      return new Lookup(binding, mappedFile(library).orElse(library), null);
    }

    static Lookup none(String why) {
      return new Lookup(null, null, why);
    }
  }

  private static Lookup cached;

  private CublasLibrary() {}

  /** This machine's cuBLAS, looked up once. */
  static synchronized Lookup find() {
    if (cached == null) {
      cached = find(System.getenv(), NAMES, CublasLibrary::pipLibraries, loader());
    }
    return cached;
  }

  /**
   * The lookup, with what it depends on passed in: the environment (for KP_CUBLAS), the library names in
   * order of preference, the pip packages' library files (asked for at most once) and the loader, which
   * binds a path or name or throws with the reason.
   */
  static Lookup find(
      Map<String, String> env, List<String> names, Supplier<List<Path>> pipLibraries,
      Function<String, CublasBinding> loader) {
    String named = env.get("KP_CUBLAS");
    if (named != null && !named.isBlank()) {
      try {
        return Lookup.of(loader.apply(named));
      } catch (RuntimeException | LinkageError e) {
        return Lookup.none("no cuBLAS (KP_CUBLAS=" + named + " could not be loaded: " + firstLine(e) + ")");
      }
    }
    List<Path> pip = null;
    String unusable = null;
    for (String name : names) {
      try {
        return Lookup.of(loader.apply(name));
      } catch (UnsupportedOperationException e) {
        return Lookup.none("no cuBLAS (" + e.getMessage() + ")");
      } catch (RuntimeException | LinkageError e) {
        // not on the loader's path: try the pip packages
      }
      if (pip == null) {
        pip = pipLibraries.get();
      }
      for (Path file : pip) {
        if (file.getFileName().toString().equals(name)) {
          try {
            return Lookup.of(loader.apply(file.toString()));
          } catch (RuntimeException | LinkageError e) {
            unusable = file + " could not be loaded: " + firstLine(e);
          }
        }
      }
    }
    return Lookup.none(
        "no cuBLAS (" + String.join(" or ", names) + " not found in the loader path or python3's nvidia pip packages"
            + (unusable == null ? "" : "; " + unusable)
            + "; set KP_CUBLAS to the library file)");
  }

  /**
   * The real loader: binds through {@code ForeignCublas} on Java 22+, and reports the file that the system
   * loader mapped for a bare name. Throws {@link UnsupportedOperationException} on Java 21.
   */
  static Function<String, CublasBinding> loader() {
    return loader(BINDING);
  }

  /** The loader through the binding class {@code bindingClass}: a name that cannot be loaded acts as Java 21. */
  static Function<String, CublasBinding> loader(String bindingClass) {
    return library -> {
      java.lang.invoke.MethodHandle open;
      try {
        Class<?> binding = Class.forName(bindingClass);
        open =
            MethodHandles.lookup()
                .findStatic(binding, "open", MethodType.methodType(CublasBinding.class, String.class));
      } catch (ReflectiveOperationException | LinkageError e) {
        throw new UnsupportedOperationException(
            "cuBLAS is called through java.lang.foreign, which needs Java 22 or newer; this is Java "
                + Runtime.version().feature());
      }
      try {
        return (CublasBinding) open.invoke(library);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
    };
  }

  /** The file the process has mapped for {@code name} (e.g. ".../libcublas.so.13.0.2.14"), read from /proc. */
  static Optional<String> mappedFile(String name) {
    Path maps = Path.of("/proc/self/maps");
    if (name.contains("/") || !Files.isReadable(maps)) {
      return Optional.empty();
    }
    try {
      for (String line : Files.readAllLines(maps)) {
        int slash = line.lastIndexOf('/');
        if (slash >= 0 && line.indexOf(' ') >= 0 && line.substring(slash + 1).startsWith(name)) {
          return Optional.of(line.substring(line.indexOf('/')));
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** libcublas.so.* files under the nvidia/ folders of python3's site-packages; empty without python3. */
  static List<Path> pipLibraries() {
    String script =
        "import glob, os, site\n"
            + "dirs = list(getattr(site, 'getsitepackages', lambda: [])()) + [site.getusersitepackages()]\n"
            + "for d in dirs:\n"
            + "    for f in sorted(glob.glob(os.path.join(d, 'nvidia', '**', 'libcublas.so.*'), recursive=True)):\n"
            + "        print(f)\n";
    List<Path> files = new ArrayList<>();
    try {
      ChildProcess.Result r = ChildProcess.of("python3", "-c", script).timeout(Duration.ofSeconds(30)).run();
      if (r.succeeded()) {
        r.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).map(Path::of).forEach(files::add);
      }
    } catch (IOException e) {
      // no python3: nothing to add
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return files;
  }

  private static String firstLine(Throwable e) {
    return String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
  }
}
