package dev.kernelplayground.cudasource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code kernels/} folder: one family of raw CUDA C kernels per sub-folder, versions numbered by file name
 * ({@code kernels/matmul/01_naive.cu}, ...). Lists families and files in order; loading a file parses its header.
 */
public final class KernelLibrary {
  /** The folder's name at the top of the repository. */
  public static final String FOLDER = "kernels";

  private final Path root;

  private KernelLibrary(Path root) {
    this.root = root;
  }

  /** The library in {@code root} (a folder holding family folders). */
  public static KernelLibrary at(Path root) {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException(root + " is not a folder of kernels");
    }
    return new KernelLibrary(root);
  }

  /**
   * The {@code kernels/} folder in {@code start} or the nearest folder above it (so the playground works from any
   * sub-folder of the repository), else the one of the checkout the playground itself runs from (above its
   * target/kp.jar or target/classes): a notebook kept anywhere else — a learner's home in the workshop image — still
   * finds the lessons' kernels.
   */
  public static KernelLibrary find(Path start) {
    return find(start, playgroundCode());
  }

  /** {@link #find(Path)} for a playground whose jar or classes folder is {@code code} (null: unknown). */
  static KernelLibrary find(Path start, Path code) {
    return nearest(start).or(() -> code == null ? Optional.empty() : nearest(code)).map(KernelLibrary::new)
        .orElseThrow(() -> new IllegalArgumentException("no '" + FOLDER + "/' folder in " + start.toAbsolutePath()
            + " or above it, nor above the playground's own code (" + code + "); run kp from the Kernel Playground "
            + "repository"));
  }

  private static Optional<Path> nearest(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(FOLDER);
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Where the playground's classes were loaded from (its target/kp.jar or target/classes), or null. */
  private static Path playgroundCode() {
    try {
      return Path.of(KernelLibrary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | SecurityException | NullPointerException unknown) {
      return null;
    }
  }

  /** The library found from the working directory. */
  public static KernelLibrary find() {
    return find(Path.of(""));
  }

  /** The folder. */
  public Path root() {
    return root;
  }

  /** Family names (sub-folders holding .cu files), sorted. */
  public List<String> families() {
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(Files::isDirectory)
          .filter(d -> !files(d).isEmpty())
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The .cu files of one family, in version order (by file name). */
  public List<Path> files(String family) {
    Path dir = root.resolve(family);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("no kernel family '" + family + "' in " + root + "; the families are "
          + String.join(", ", families()));
    }
    return files(dir);
  }

  /** Every .cu file, family by family. */
  public List<Path> allFiles() {
    return families().stream().flatMap(f -> files(f).stream()).toList();
  }

  /** Every kernel, loaded and parsed. */
  public List<KernelSource> all() {
    return allFiles().stream().map(KernelSource::load).toList();
  }

  private static List<Path> files(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".cu") && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
