package dev.kernelplayground.lessons;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The lessons/*.md sources and the notebooks/*.ipynb generated from them, side by side. */
public final class LessonFiles {
  /** A lesson source and the notebook it generates. */
  public record Pair(Path lesson, Path notebook) {
    public String id() {
      String name = lesson.getFileName().toString();
      return name.substring(0, name.length() - ".md".length());
    }

    /** The notebook the lesson generates now. */
    public String generated() throws IOException {
      return LessonNotebook.fromMarkdown(Files.readString(lesson), id());
    }

    /** Whether the committed notebook is what the lesson generates. */
    public boolean inSync() throws IOException {
      return Files.isRegularFile(notebook) && Files.readString(notebook).equals(generated());
    }
  }

  private LessonFiles() {}

  /** Every lessons/NN-name.md under {@code root}, with notebooks/NN-name.ipynb beside it, in order. */
  public static List<Pair> under(Path root) throws IOException {
    Path lessons = root.resolve("lessons");
    if (!Files.isDirectory(lessons)) {
      throw new IOException("no lessons/ folder under " + root.toAbsolutePath() + " (run from the repository root)");
    }
    List<Pair> pairs = new ArrayList<>();
    try (Stream<Path> files = Files.list(lessons)) {
      for (Path md : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
        String name = md.getFileName().toString();
        pairs.add(new Pair(md, root.resolve("notebooks").resolve(name.replaceAll("\\.md$", ".ipynb"))));
      }
    }
    return pairs;
  }

  /** Writes every notebook that is out of date; returns the ones written. */
  public static List<Path> generate(Path root) throws IOException {
    List<Path> written = new ArrayList<>();
    for (Pair p : under(root)) {
      if (!p.inSync()) {
        Files.createDirectories(p.notebook().getParent());
        Files.writeString(p.notebook(), p.generated());
        written.add(p.notebook());
      }
    }
    return written;
  }
}
