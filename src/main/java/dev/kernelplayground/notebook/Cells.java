package dev.kernelplayground.notebook;

import java.util.List;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.kernelplayground.report.Units;
import java.util.Locale;

/**
 * What a cell holds, routed: magics first — {@code %device [ID]} shows or picks where kernels run,
 * {@code %load FILE.java|FILE.cu} runs a file as a cell, {@code %%cuda} compiles the cell's CUDA C and
 * makes its kernels callable, {@code %%time} times the rest of the cell — then Java for JShell. The same routing serves the Jupyter kernel and the headless notebook runner.
 */
public final class Cells {
  private final NotebookSession session;
  private final JavaCells java;

  public Cells(NotebookSession session) {
    this.session = session;
    this.java = session.java();
  }

  public JavaCells java() {
    return java;
  }

  /** Runs the cell; returns what it shows (null for nothing). Errors are {@link CellError}s. */
  public Object run(String cell) {
    String trimmed = cell.strip();
    try {
      if (trimmed.startsWith("%%cuda")) {
        String body = cudaBody(cell);
        String optionText = cudaOptions(cell);
        List<String> options = List.of(optionText.split("\\s+"));
        if (options.get(0).equals("--run")) {
          return session.cuda().run(body, 2, options.subList(1, options.size()));
        }
        if (!options.get(0).isEmpty() && !options.get(0).equals("--profile")) {
          throw new CellError("%%cuda takes --run [ARGS...] (run the cell's main) or --profile SIZE... (count its traffic),"
              + " not " + options.get(0));
        }
        String report = session.cuda().compile(body, 2);
        return optionText.isEmpty() ? report : session.cuda().profileLast(optionText);
      }
      if (trimmed.startsWith("%%check")) {
        String[] parts = cell.strip().split("\n", 2);
        String id = parts[0].substring("%%check".length()).strip();
        if (id.isEmpty()) {
          throw new CellError("%%check needs the exercise's id, e.g. %%check tail_guard");
        }
        return session.exercises().check(id, java, parts.length > 1 ? parts[1] : "").line();
      }
      if (trimmed.startsWith("%%time")) {
        return timed(cell.substring(cell.indexOf("%%time") + "%%time".length()));
      }
      if (trimmed.startsWith("%%")) {
        String name = trimmed.substring(2).split("\\s+", 2)[0];
        throw new CellError("unknown cell magic %%" + name + "; the cell magics are: %%cuda, %%check, %%time");
      }
      if (trimmed.startsWith("%")) {
        String[] lines = trimmed.split("\n", 2);
        Object shown = lineMagic(lines[0].strip());
        return lines.length > 1 && !lines[1].isBlank() ? java.eval(lines[1]) : shown;
      }
      return java.eval(cell);
    } catch (IllegalArgumentException e) {
      throw new CellError(e.getMessage());
    }
  }

  /** The CUDA C of a {@code %%cuda} cell: the lines after the magic's line. */
  static String cudaBody(String cell) {
    int lineBreak = cell.indexOf('\n', cell.indexOf("%%cuda"));
    return lineBreak < 0 ? "" : cell.substring(lineBreak + 1);
  }

  /** What follows {@code %%cuda} on its line, stripped: "" or "--run ARGS..." or "--profile SIZE...". */
  static String cudaOptions(String cell) {
    int magic = cell.indexOf("%%cuda");
    int lineBreak = cell.indexOf('\n', magic);
    return cell.substring(magic + "%%cuda".length(), lineBreak < 0 ? cell.length() : lineBreak).strip();
  }

  /** Whether a cell is a {@code %%cuda} cell. */
  public static boolean isCuda(String cell) {
    return cell.strip().startsWith("%%cuda");
  }

  /** The cell's completeness for the front end; a magic line is always complete. */
  public String completeness(String cell) {
    return cell.strip().startsWith("%") ? "complete" : java.completeness(cell);
  }

  private Object lineMagic(String line) {
    String[] words = line.substring(1).split("\\s+", 2);
    String argument = words.length > 1 ? words[1].strip() : "";
    return switch (words[0].toLowerCase(Locale.ROOT)) {
      case "device" -> argument.isEmpty() ? Playground.devices() : Playground.use(argument);
      case "load" -> load(argument);
      default -> throw new CellError(
          "unknown magic %" + words[0] + "; the magics are: %device [ID], %load FILE.java|FILE.cu, %%cuda, %%time");
    };
  }

  private Object load(String file) {
    if (file.isEmpty()) {
      throw new CellError("%load needs a file, e.g. %load kernels/MyKernel.java");
    }
    Path path = Path.of(file);
    if (!file.endsWith(".java") && !file.endsWith(".cu")) {
      throw new CellError("%load takes .java and .cu files (" + file + " is neither)");
    }
    try {
      String text = Files.readString(path);
      return file.endsWith(".cu") ? session.cuda().compile(text, 1) : java.eval(text);
    } catch (IOException e) {
      throw new CellError("cannot read " + path.toAbsolutePath() + ": " + e.getMessage());
    }
  }

  private Object timed(String body) {
    long start = System.nanoTime();
    try {
      return java.eval(body);
    } finally {
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("wall time: %s%n", Units.seconds(seconds));
    }
  }
}
