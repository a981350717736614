package dev.kernelplayground.lessons;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Turns a lesson's Markdown into a Jupyter notebook: every fenced {@code java} block becomes a Java code
 * cell, every fenced {@code cuda} block a {@code %%cuda} cell, and the Markdown between them markdown
 * cells, kept verbatim. The lesson source is what people review in diffs; the notebook is generated from
 * it and committed, so learners open it directly.
 */
public final class LessonNotebook {
  /** The fence languages that become code cells, and the first line each cell gets. */
  private static final List<String> CODE_LANGUAGES = List.of("java", "cuda");

  private LessonNotebook() {}

  /** The notebook (nbformat 4.5 JSON) for a lesson's Markdown. */
  public static String fromMarkdown(String markdown, String lessonId) {
    List<Cell> cells = cells(markdown);
    JsonArray json = new JsonArray();
    int index = 0;
    for (Cell c : cells) {
      JsonObject cell = new JsonObject();
      cell.addProperty("cell_type", c.code() ? "code" : "markdown");
      cell.addProperty("id", lessonId + "-" + (++index));
      cell.add("metadata", new JsonObject());
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

  /** One cell: Markdown text, or the source of a code cell. */
  record Cell(boolean code, String text) {}

  static List<Cell> cells(String markdown) {
    Node document = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build().parse(markdown);
    List<FencedCodeBlock> fences = new ArrayList<>();
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(FencedCodeBlock block) {
            if (CODE_LANGUAGES.contains(language(block))) {
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
      String body = fence.getLiteral().stripTrailing();
      cells.add(new Cell(true, language(fence).equals("cuda") ? "%%cuda\n" + body : body));
      next = last + 1;
    }
    addMarkdown(cells, lines.subList(next, lines.size()));
    return cells;
  }

  private static void addMarkdown(List<Cell> cells, List<String> lines) {
    String text = String.join("\n", lines).strip();
    if (!text.isEmpty()) {
      cells.add(new Cell(false, text));
    }
  }

  private static String language(FencedCodeBlock block) {
    String info = block.getInfo() == null ? "" : block.getInfo().strip();
    return info.isEmpty() ? "" : info.split("\\s+")[0];
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
