package dev.kernelplayground.lessons;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Turns a lesson's Markdown into a Jupyter notebook. Fenced {@code java} blocks become Java code cells,
 * {@code cuda} blocks {@code %%cuda} cells, and the Markdown between them markdown cells, kept verbatim.
 * Exercises are three blocks sharing an id: {@code java exercise=ID} (the starter the learner edits),
 * {@code java solution=ID} (kept in the lesson source) and {@code java check=ID} (Java whose value says
 * whether it is solved; it becomes a {@code %%check ID} cell). The learner's edition has the starters and
 * no solutions; the solutions edition has each solution in place of its starter. Exercise
 * and check cells carry {@code metadata.kp} ({@code exercise}, {@code role}) so the grader can find them.
 *
 * <p>A block {@code cuda wrong=ID/NAME} (or {@code java wrong=ID/NAME}) is a planted wrong answer to exercise ID:
 * a mistake learners make (a stride of 1, a missing tail) that the check must reject. Neither the learner's nor the
 * solutions edition has it; the {@link Edition#PLANTED} edition, which CI runs, follows each check with every
 * planted answer and the check again, as {@code %%check ID/NAME}, then puts the solution back for the cells after.
 */
public final class LessonNotebook {
  /** Which notebook to make from a lesson. */
  public enum Edition {
    /** Starters, no solutions: what learners open. */
    LEARNER,
    /** Solutions in place of the starters: a teacher's key. */
    SOLUTIONS,
    /**
     * The solutions, and after each check every planted wrong answer with the check again ({@code %%check ID/NAME}),
     * then the solution once more: what CI runs, so that a check that accepts a wrong answer fails the build.
     */
    PLANTED
  }

  /** What a fenced block is for. */
  public enum Role {
    PLAIN,
    EXERCISE,
    SOLUTION,
    CHECK,
    /** A planted wrong answer: only in the {@link Edition#PLANTED} edition, where its check must fail. */
    WRONG
  }

  private LessonNotebook() {}

  /** The learner's notebook (nbformat 4.5 JSON) for a lesson's Markdown. */
  public static String fromMarkdown(String markdown, String lessonId) {
    return fromMarkdown(markdown, lessonId, Edition.LEARNER);
  }

  /** The notebook of the given edition. */
  public static String fromMarkdown(String markdown, String lessonId, Edition edition) {
    List<Cell> cells = cells(markdown);
    requireComplete(cells, lessonId);
    List<Cell> kept = new ArrayList<>();
    for (Cell c : cells) {
      switch (c.role()) {
        case EXERCISE -> {
          if (edition == Edition.LEARNER) {
            kept.add(c);
          }
        }
        case SOLUTION -> {
          if (edition != Edition.LEARNER) {
            kept.add(c);
          }
        }
        case WRONG -> {}
        case CHECK -> {
          kept.add(c);
          if (edition == Edition.PLANTED) {
            kept.addAll(plantedAfter(c, cells));
          }
        }
        case PLAIN -> kept.add(c);
      }
    }
    JsonArray json = new JsonArray();
    int index = 0;
    for (Cell c : kept) {
      JsonObject cell = new JsonObject();
      cell.addProperty("cell_type", c.code() ? "code" : "markdown");
      cell.addProperty("id", lessonId + "-" + (++index));
      JsonObject metadata = new JsonObject();
      if (c.exercise() != null) {
        JsonObject kp = new JsonObject();
        kp.addProperty("exercise", c.exercise());
        kp.addProperty("role", c.role() == Role.CHECK ? "check" : "exercise");
        metadata.add("kp", kp);
      }
      cell.add("metadata", metadata);
      if (c.code()) {
        cell.add("execution_count", null);
        cell.add("outputs", new JsonArray());
      }
      cell.add("source", lines(c.text()));
      json.add(cell);
    }
    JsonObject notebook = new JsonObject();
    notebook.add("cells", json);
    JsonObject kernelspec = new JsonObject();
    kernelspec.addProperty("display_name", "Java (Kernel Playground)");
    kernelspec.addProperty("language", "java");
    kernelspec.addProperty("name", "kernel-playground");
    JsonObject language = new JsonObject();
    language.addProperty("name", "java");
    language.addProperty("file_extension", ".jshell");
    language.addProperty("mimetype", "text/x-java-source");
    JsonObject metadata = new JsonObject();
    metadata.add("kernelspec", kernelspec);
    metadata.add("language_info", language);
    notebook.add("metadata", metadata);
    notebook.addProperty("nbformat", 4);
    notebook.addProperty("nbformat_minor", 5);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(notebook) + "\n";
  }

  /**
   * After exercise X's check: each planted wrong answer to X, then the check again as {@code %%check X/NAME}; then
   * X's solution, so that the cells after the check see the right answer again.
   */
  private static List<Cell> plantedAfter(Cell check, List<Cell> cells) {
    List<Cell> planted = new ArrayList<>();
    String body = check.text().substring(check.text().indexOf('\n') + 1);
    for (Cell wrong : cells) {
      if (wrong.role() == Role.WRONG && wrong.exercise().equals(check.exercise())) {
        planted.add(wrong);
        planted.add(new Cell(true, "%%check " + plantedId(wrong) + "\n" + body, Role.CHECK, plantedId(wrong), null));
      }
    }
    if (!planted.isEmpty()) {
      cells.stream().filter(c -> c.role() == Role.SOLUTION && c.exercise().equals(check.exercise())).forEach(planted::add);
    }
    return planted;
  }

  /** The id a planted answer's check records its verdict under: {@code ID/NAME}. */
  public static String plantedId(Cell wrong) {
    return wrong.exercise() + "/" + wrong.variant();
  }

  /** The planted wrong answers of a lesson, in lesson order. */
  public static List<Cell> planted(String markdown) {
    return cells(markdown).stream().filter(c -> c.role() == Role.WRONG).toList();
  }

  /** The check cells of a lesson, by exercise id, in lesson order: what the grader runs. */
  public static List<Cell> checks(String markdown) {
    return cells(markdown).stream().filter(c -> c.role() == Role.CHECK).toList();
  }

  /**
   * One cell: Markdown text or the source of a code cell, with its exercise role and id (null for none), and for a
   * planted wrong answer its name (null otherwise).
   */
  public record Cell(boolean code, String text, Role role, String exercise, String variant) {
    Cell(boolean code, String text) {
      this(code, text, Role.PLAIN, null, null);
    }
  }

  static List<Cell> cells(String markdown) {
    Node document = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build().parse(markdown);
    List<FencedCodeBlock> fences = new ArrayList<>();
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(FencedCodeBlock block) {
            String language = word(block, 0);
            if (language.equals("java") || language.equals("cuda")) {
              fences.add(block);
            }
          }
        });
    List<String> lines = markdown.lines().toList();
    List<Cell> cells = new ArrayList<>();
    int next = 0;
    for (FencedCodeBlock fence : fences) {
      int first = fence.getSourceSpans().get(0).getLineIndex();
      int last = fence.getSourceSpans().get(fence.getSourceSpans().size() - 1).getLineIndex();
      addMarkdown(cells, lines.subList(next, first));
      cells.add(codeCell(fence, first + 1));
      next = last + 1;
    }
    addMarkdown(cells, lines.subList(next, lines.size()));
    return cells;
  }

  private static Cell codeCell(FencedCodeBlock fence, int line) {
    String language = word(fence, 0);
    String attribute = word(fence, 1);
    String body = fence.getLiteral().stripTrailing();
    Role role = Role.PLAIN;
    String id = null;
    String variant = null;
    if (!attribute.isEmpty()) {
      String[] kv = attribute.split("=", 2);
      role =
          switch (kv[0]) {
            case "exercise" -> Role.EXERCISE;
            case "solution" -> Role.SOLUTION;
            case "check" -> Role.CHECK;
            case "wrong" -> Role.WRONG;
            default -> throw new IllegalArgumentException("line " + line + ": unknown block attribute '" + attribute
                + "' (use exercise=ID, solution=ID, check=ID or wrong=ID/NAME)");
          };
      if (kv.length < 2 || kv[1].isBlank()) {
        throw new IllegalArgumentException("line " + line + ": '" + attribute + "' needs an id, e.g. " + kv[0] + "=tail_guard");
      }
      id = kv[1].strip();
      if (role == Role.WRONG) {
        String[] named = id.split("/", 2);
        if (named.length < 2 || named[0].isBlank() || named[1].isBlank()) {
          throw new IllegalArgumentException("line " + line + ": a planted wrong answer is named, e.g. wrong=" + id + "/stride-one");
        }
        id = named[0];
        variant = named[1];
      }
      if (role == Role.CHECK && !language.equals("java")) {
        throw new IllegalArgumentException("line " + line + ": a check is Java (```java check=" + id + ")");
      }
    }
    String text =
        role == Role.CHECK ? "%%check " + id + "\n" + body
            : language.equals("cuda") ? "%%cuda\n" + body
            : body;
    return new Cell(true, text, role, id, variant);
  }

  /** Every exercise needs its starter, its solution and its check. */
  private static void requireComplete(List<Cell> cells, String lessonId) {
    Set<String> ids = new LinkedHashSet<>();
    cells.stream().filter(c -> c.exercise() != null && c.role() != Role.WRONG).forEach(c -> ids.add(c.exercise()));
    for (Cell wrong : cells) {
      if (wrong.role() == Role.WRONG && !ids.contains(wrong.exercise())) {
        throw new IllegalArgumentException(lessonId + ": planted wrong answer " + plantedId(wrong) + " names no exercise");
      }
    }
    for (String id : ids) {
      for (Role role : List.of(Role.EXERCISE, Role.SOLUTION, Role.CHECK)) {
        long count = cells.stream().filter(c -> id.equals(c.exercise()) && c.role() == role).count();
        if (count != 1) {
          throw new IllegalArgumentException(
              lessonId + ": exercise " + id + " has " + count + " " + role.name().toLowerCase() + " blocks; it needs exactly one");
        }
      }
    }
  }

  private static void addMarkdown(List<Cell> cells, List<String> lines) {
    String text = String.join("\n", lines).strip();
    if (!text.isEmpty()) {
      cells.add(new Cell(false, text));
    }
  }

  private static String word(FencedCodeBlock block, int index) {
    String info = block.getInfo() == null ? "" : block.getInfo().strip();
    String[] words = info.isEmpty() ? new String[0] : info.split("\\s+");
    return index < words.length ? words[index] : "";
  }

  private static JsonArray lines(String text) {
    JsonArray source = new JsonArray();
    List<String> parts = text.lines().toList();
    for (int i = 0; i < parts.size(); i++) {
      source.add(parts.get(i) + (i < parts.size() - 1 ? "\n" : ""));
    }
    return source;
  }
}
