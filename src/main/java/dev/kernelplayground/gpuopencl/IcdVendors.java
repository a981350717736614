package dev.kernelplayground.gpuopencl;

import dev.kernelplayground.process.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Points the OpenCL ICD loader (libOpenCL.so.1, which Aparapi's native library links) at one vendor's OpenCL
 * library, for a child process. The loader reads the vendors folder ({@code /etc/OpenCL/vendors}, or the one
 * {@code OCL_ICD_VENDORS} names): each {@code *.icd} file there holds the name or path of one vendor's library.
 * GPU machines and containers often have NVIDIA's library (mounted with the driver) but no ICD file; then a
 * temporary vendors folder with one {@code .icd} file naming the library's path stands in, through
 * {@code OCL_ICD_VENDORS}. Where the machine has no ICD loader, the one the GPU bundle carries
 * ({@code opencl/libOpenCL.so.1} next to kp.jar) is put on {@code LD_LIBRARY_PATH}.
 */
public final class IcdVendors {
  /** A vendor's OpenCL library, and the text its platform's vendor string contains. */
  public record Vendor(String library, String platformVendor) {
    public static final Vendor NVIDIA = new Vendor("libnvidia-opencl.so.1", "NVIDIA");
  }

  static final String LOADER = "libOpenCL.so.1";
  static final Path SYSTEM_VENDORS = Path.of("/etc/OpenCL/vendors");
  /** Where drivers put their libraries when the loader path does not say: Debian/Ubuntu, RHEL, containers, WSL. */
  static final List<Path> LIBRARY_FOLDERS = Stream.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib",
      "/usr/local/nvidia/lib64", "/usr/local/nvidia/lib", "/usr/lib/wsl/lib").map(Path::of).toList();

  /**
   * What the child needs, or why it cannot run.
   *
   * @param env the environment variables to set for the child (empty when the installed setup serves)
   * @param how in words: which ICD file or folder serves, and which loader
   * @param temporary the vendors folder made for the child, deleted by {@link #close()}; null when none
   * @param missing why not, naming where it looked; null when ready
   */
  public record Setup(Map<String, String> env, String how, Path temporary, String missing) implements AutoCloseable {
    public boolean ready() {
      return missing == null;
    }

    @Override
    public void close() {
      if (temporary == null) {
        return;
      }
      try (Stream<Path> files = Files.walk(temporary)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        // a temporary folder left behind
      }
    }
  }

  /**
   * Where to look: the environment (OCL_ICD_VENDORS, LD_LIBRARY_PATH), the system vendors folder, the usual
   * library folders, the ld.so cache's files (asked for at most once), the bundled loader's folder (or null),
   * and where a temporary vendors folder may go.
   */
  record Places(Map<String, String> env, Path systemVendors, List<Path> libraryFolders,
      Supplier<List<Path>> ldCache, Path bundledLoaderFolder, Path temporaryParent) {
    static Places ofThisMachine() {
      return new Places(System.getenv(), SYSTEM_VENDORS, LIBRARY_FOLDERS, IcdVendors::ldCache, loaderFolderNextToJar(),
          Path.of(System.getProperty("java.io.tmpdir")));
    }
  }

  private IcdVendors() {}

  /** Prepares the environment for a child that runs OpenCL on {@code vendor}'s library, on this machine. */
  public static Setup prepare(Vendor vendor) {
    return prepare(vendor, Places.ofThisMachine());
  }

  static Setup prepare(Vendor vendor, Places places) {
    Map<String, String> env = new HashMap<>();
    List<String> how = new ArrayList<>();
    Search search = new Search(places);
    Optional<Path> loader = search.find(LOADER);
    if (loader.isEmpty()) {
      Path bundled = places.bundledLoaderFolder();
      if (bundled == null || !Files.isRegularFile(bundled.resolve(LOADER))) {
        return missing("no OpenCL ICD loader (" + LOADER + ") found; looked in " + search.where()
            + (bundled == null ? "" : " and " + bundled));
      }
      String path = places.env().get("LD_LIBRARY_PATH");
      env.put("LD_LIBRARY_PATH", bundled + (path == null || path.isBlank() ? "" : ":" + path));
      how.add("the bundle's ICD loader " + bundled.resolve(LOADER) + " (none on this machine)");
    }
    Path vendors = vendorsFolder(places);
    Optional<Path> icd = icdNaming(vendors, vendor.library());
    Optional<Path> library = search.find(vendor.library());
    if (icd.isPresent() && (library.isPresent() || exists(named(icd.get())))) {
      how.add("the installed ICD file " + icd.get());
      return new Setup(env, String.join("; ", how), null, null);
    }
    if (library.isEmpty()) {
      return missing("no " + vendor.library() + " found: "
          + icd.map(f -> "the ICD file " + f + " names it, but").orElse("no ICD file in " + vendors + " names it, and")
          + " it is not in " + search.where());
    }
    try {
      Path folder = Files.createTempDirectory(places.temporaryParent(), "kp-opencl-vendors");
      Path file = folder.resolve(vendor.library().replaceFirst("^lib", "").replaceFirst("\\.so.*", "") + ".icd");
      Files.writeString(file, library.get().toAbsolutePath() + "\n");
      env.put("OCL_ICD_VENDORS", folder.toString());
      how.add("a temporary vendors folder (OCL_ICD_VENDORS=" + folder + ") whose " + file.getFileName() + " names "
          + library.get() + ", since no ICD file in " + vendors + " names " + vendor.library());
      return new Setup(env, String.join("; ", how), folder, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Setup missing(String why) {
    return new Setup(Map.of(), null, null, why);
  }

  /** The folder the loader reads: OCL_ICD_VENDORS when it names a folder, else the system's. */
  static Path vendorsFolder(Places places) {
    String named = places.env().get("OCL_ICD_VENDORS");
    return named != null && Files.isDirectory(Path.of(named)) ? Path.of(named) : places.systemVendors();
  }

  /** The *.icd file in {@code folder} whose library is {@code library} (by name or path), if any. */
  static Optional<Path> icdNaming(Path folder, String library) {
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path icd : files.filter(f -> f.toString().endsWith(".icd")).sorted().toList()) {
        String named = named(icd);
        if (named.equals(library) || named.endsWith("/" + library)) {
          return Optional.of(icd);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** A path (not a bare name, which only the loader's search resolves) that is there. */
  private static boolean exists(String library) {
    Path path = Path.of(library);
    return path.isAbsolute() && Files.exists(path);
  }

  /** The library an ICD file names: its one line. */
  private static String named(Path icd) {
    try {
      return Files.readString(icd).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Looks for library files by name, remembering where it looked for the message. */
  private static final class Search {
    private final Places places;
    private final Set<Path> folders = new LinkedHashSet<>();
    private List<Path> cache;

    Search(Places places) {
      this.places = places;
      String path = places.env().get("LD_LIBRARY_PATH");
      if (path != null) {
        Stream.of(path.split(":")).filter(s -> !s.isBlank()).map(Path::of).forEach(folders::add);
      }
      folders.addAll(places.libraryFolders());
    }

    Optional<Path> find(String name) {
      for (Path folder : folders) {
        if (Files.exists(folder.resolve(name))) {
          return Optional.of(folder.resolve(name));
        }
      }
      if (cache == null) {
        cache = places.ldCache().get();
      }
      return cache.stream().filter(p -> p.getFileName().toString().equals(name)).findFirst();
    }

    String where() {
      return folders.stream().map(Path::toString).collect(Collectors.joining(", ")) + " and the ld.so cache";
    }
  }

  /** The library files the ld.so cache lists ({@code ldconfig -p}); empty where there is no ldconfig. */
  static List<Path> ldCache() {
    for (String ldconfig : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig")) {
      try {
        ChildProcess.Result r = ChildProcess.of(ldconfig, "-p").timeout(Duration.ofSeconds(20)).run();
        if (r.succeeded()) {
          return r.stdout().lines().filter(l -> l.contains(" => "))
              .map(l -> Path.of(l.substring(l.indexOf(" => ") + 4).strip())).toList();
        }
      } catch (IOException e) {
        // not here: try the next
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
    }
    return List.of();
  }

  /** opencl/ next to kp.jar, where tests/gpu/bundle.sh puts an ICD loader; null when this code is not in a jar. */
  static Path loaderFolderNextToJar() {
    try {
      Path code = Path.of(IcdVendors.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(code) ? code.resolveSibling("opencl") : null;
    } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
      return null;
    }
  }
}
