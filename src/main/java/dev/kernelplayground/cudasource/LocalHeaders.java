package dev.kernelplayground.cudasource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The headers a CUDA C source includes with {@code #include "..."} (e.g. kernels/common.cuh), found next to
 * their includer, recursively. Compilers that cache their output put these texts in the cache key, so editing
 * a header rebuilds every kernel that includes it.
 */
public final class LocalHeaders {
  private static final Pattern LOCAL_INCLUDE = Pattern.compile("^\\s*#\\s*include\\s*\"([^\"]+)\"", Pattern.MULTILINE);

  private LocalHeaders() {}

  /** The names in the {@code #include "..."} lines of a source, in order. */
  public static List<String> names(String source) {
    List<String> names = new ArrayList<>();
    Matcher m = LOCAL_INCLUDE.matcher(source);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * The text of every header {@code source} includes from {@code folder} (its own folder; null for a source
   * that has none, e.g. a notebook cell), and of the headers those include, each once. A header that is not
   * there is left out: the compiler reports it.
   */
  public static List<String> texts(Path folder, String source) {
    List<String> texts = new ArrayList<>();
    if (folder == null) {
      return texts;
    }
    Set<Path> seen = new HashSet<>();
    Deque<Path> pending = new ArrayDeque<>();
    names(source).forEach(name -> pending.push(folder.resolve(name).toAbsolutePath().normalize()));
    while (!pending.isEmpty()) {
      Path header = pending.pop();
      if (!seen.add(header) || !Files.isRegularFile(header)) {
        continue;
      }
      try {
        String text = Files.readString(header);
        texts.add(text);
        names(text).forEach(name -> pending.push(header.getParent().resolve(name).normalize()));
      } catch (IOException e) {
        // an unreadable header shows up as the compiler's error
      }
    }
    return texts;
  }

  /**
   * The part of a compile cache key that names the source's folder: the folder when it supplied headers (their
   * texts are keyed too, and a build records their paths), else nothing, so that the same text compiled from two
   * folders shares one entry (a notebook's cells are written to a fresh temporary folder per session).
   */
  public static String cacheKeyFolder(Path folder, List<String> headerTexts) {
    return folder == null || headerTexts.isEmpty() ? "" : folder.toAbsolutePath().normalize().toString();
  }
}
