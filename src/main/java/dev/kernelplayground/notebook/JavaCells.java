package dev.kernelplayground.notebook;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Java cells evaluated by JShell in this JVM (the in-process "local" engine: a snippet costs milliseconds,
 * not the ~180 ms of a remote agent), with the playground's classes on the class path and its lesson API
 * imported. A cell may hold several statements, methods and classes; its value is the value of its last
 * expression. Errors come back with the line numbers of the cell, not JShell's snippets.
 */
public final class JavaCells implements AutoCloseable {
  /** What every notebook can use without an import. */
  static final List<String> STARTUP_IMPORTS =
      List.of(
          "java.util.*",
          "java.util.stream.*",
          "dev.kernelplayground.ada.*",
          "dev.kernelplayground.problem.*",
          "dev.kernelplayground.run.*",
          "dev.kernelplayground.check.*",
          "dev.kernelplayground.bench.*",
          "dev.kernelplayground.lessonkernels.*",
          "dev.kernelplayground.aparapi.*",
          "dev.kernelplayground.picture.*",
          "dev.kernelplayground.device.*",
          "dev.kernelplayground.notebook.Playground",
          "dev.kernelplayground.notebook.TrialTable",
          "dev.kernelplayground.notebook.Cuda",
          "dev.kernelplayground.cudasource.KernelArg",
          "com.aparapi.Kernel");

  private final JShell shell;
  private final SourceCodeAnalysis analysis;
  private final SnippetClassFiles classFiles;
  private final int slot = CellValues.newSlot();
  private int values; // the expressions run as declarations so far
  private final Set<String> voidCallees = new HashSet<>(); // calls that were void, see CALL
  private final AtomicBoolean stopRequested = new AtomicBoolean();
  private final AtomicBoolean evaluating = new AtomicBoolean();

  public JavaCells() {
    this.shell = newShell();
    this.analysis = shell.sourceCodeAnalysis();
    this.classFiles = SnippetClassFiles.of(shell);
    shell.addToClasspath(System.getProperty("java.class.path"));
    for (String i : STARTUP_IMPORTS) {
      evalSnippet("import " + i + ";", 0, new String[0]);
    }
  }

  /**
   * Runs the cell; returns the value of its last expression (null for none, or void). Throws
   * {@link CellError} when a snippet does not compile or throws.
   */
  public Object eval(String cell) {
    stopRequested.set(false);
    evaluating.set(true);
    try {
      return evalCell(cell);
    } finally {
      evaluating.set(false);
    }
  }

  private Object evalCell(String cell) {
    String[] cellLines = cell.split("\n", -1);
    String remaining = cell;
    int offset = 0;
    Object last = null;
    while (!remaining.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
      if (info.completeness() == Completeness.EMPTY) {
        break;
      }
      if (!info.completeness().isComplete()) {
        int line = lineOf(cell, offset + leadingBlank(remaining));
        throw new CellError(
            "line " + line + ": this code is not complete (a missing ';', ')' or '}'?): "
                + cellLines[line - 1].strip());
      }
      String source = info.source();
      int consumed = remaining.length() - info.remaining().length();
      last = evalSnippet(source, offset + leadingBlank(remaining), cellLines);
      if (stopRequested.get()) {
        throw new CellError(
            "stopped on request (interrupt) at line " + lineOf(cellLines, offset + leadingBlank(remaining))
                + "; what the cell defined before it stays defined");
      }
      offset += consumed;
      remaining = info.remaining();
    }
    return last;
  }

  /**
   * The snippets a cell holds, parsed and not run (a grader reads a learner's cell this way before anything of
   * it runs); parsing stops at the first incomplete snippet.
   */
  public List<Snippet> parse(String cell) {
    List<Snippet> snippets = new ArrayList<>();
    String remaining = cell;
    while (!remaining.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
      if (!info.completeness().isComplete()) {
        break;
      }
      snippets.addAll(analysis.sourceToSnippets(info.source()));
      remaining = info.remaining();
    }
    return snippets;
  }

  /** How many class files JShell's compiler holds (-1 when its internals are closed to the playground). */
  int classFileCount() {
    return classFiles.count();
  }

  /** The sources of the last {@code n} snippets JShell was given, the last last. */
  List<String> lastSnippets(int n) {
    List<String> all = shell.snippets().map(Snippet::source).toList();
    return all.subList(Math.max(0, all.size() - n), all.size());
  }

  /** How many variables the shell holds (the learner's, and any expression value it kept). */
  long variableCount() {
    return shell.variables().count();
  }

  /** A JShell as cells use it: the in-process engine, compiling with local variable tables (Aparapi reads them). */
  private static JShell newShell() {
    return JShell.builder().executionEngine("local").compilerOptions("-g").build();
  }

  /**
   * Warms the Java compiler up on a background thread of low priority, in a JShell of its own: a cold javac
   * takes 50–60 ms for {@code 1 + 1} here and about 10 ms after several hundred snippets, so a learner's first
   * cells are quick too. Each round declares a new variable, evaluates an expression as a learner's runs (see
   * evalAsDeclaration) and drops both, as a learner's cells leave the shell (their class files forgotten, see
   * forgetUnnamed), against the learner's class path and imports (javac's lookups in them were still cold
   * without): a shell that kept them compiled every round slower (30 ms a round after 200 rounds, 130 ms after
   * 800) and warmed javac up on a state no learner's cell sees. The throwaway shell's snippets never reach the
   * learner's.
   */
  public static void warmUpInBackground() {
    Thread.ofPlatform().daemon().priority(Thread.MIN_PRIORITY).name("kp-jshell-warm-up").start(() -> {
      try (JShell warm = newShell()) {
        SnippetClassFiles classFiles = SnippetClassFiles.of(warm);
        int slot = CellValues.newSlot();
        warm.addToClasspath(System.getProperty("java.class.path")); // what the learner's shell compiles against
        STARTUP_IMPORTS.forEach(i -> warm.eval("import " + i + ";"));
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
          warm.eval("int kpWarm" + i + " = " + i + " * 2 + 1;");
          warm.eval(valueDeclaration(slot, i, "kpWarm" + i + " + " + i)); // an expression, as evalAsDeclaration runs it
          warm.variables().toList().forEach(warm::drop);
          CellValues.take(slot);
          classFiles.keepDeclarations();
        }
      } catch (RuntimeException e) {
        // a warm-up that fails only leaves the compiler cold
      }
    });
  }

  private static final int WARM_UP_ROUNDS = 400;

  /** Completions at {@code cursor}: the replacements and where the replaced text starts. */
  public Completions complete(String code, int cursor) {
    int[] anchor = new int[1];
    List<String> names =
        analysis.completionSuggestions(code, cursor, anchor).stream()
            .map(SourceCodeAnalysis.Suggestion::continuation)
            .distinct()
            .toList();
    return new Completions(names, anchor[0], cursor);
  }

  /** Completions and where they go: replace {@code [start, end)} with one of {@code names}. */
  public record Completions(List<String> names, int start, int end) {}

  /**
   * Whether the code is ready to run: "complete", "incomplete" (more lines are needed) or "invalid".
   */
  public String completeness(String code) {
    String remaining = code;
    while (!remaining.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
      switch (info.completeness()) {
        case COMPLETE, COMPLETE_WITH_SEMI -> remaining = info.remaining();
        case EMPTY -> {
          return "complete";
        }
        case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
          return "incomplete";
        }
        default -> {
          return "invalid";
        }
      }
    }
    return "complete";
  }

  /** The signature and documentation of what is at the cursor, or an empty list. */
  public List<String> documentation(String code, int cursor) {
    return analysis.documentation(code, cursor, true).stream()
        .map(d -> d.signature() + (d.javadoc() == null ? "" : "\n\n" + d.javadoc()))
        .toList();
  }

  /**
   * Stops the cell that is running now (from another thread): the interrupt button. JShell's own stop
   * reaches only a snippet that is already executing, and is lost on one still being compiled, so the
   * request is repeated until the cell has ended.
   */
  public void stop() {
    if (!evaluating.get()) {
      return;
    }
    stopRequested.set(true);
    Thread.ofPlatform().daemon().name("kp-cell-stop").start(() -> {
      while (evaluating.get() && stopRequested.get()) {
        shell.stop();
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
  }

  @Override
  public void close() {
    shell.close();
  }

  private Object evalSnippet(String source, int cellOffset, String[] cellLines) {
    Optional<Object> value = evalAsDeclaration(source);
    if (value.isPresent()) {
      return value.get();
    }
    List<SnippetEvent> events = shell.eval(source);
    try {
      return valueOf(events, source, cellOffset, cellLines);
    } finally {
      forgetUnnamed(events);
    }
  }

  /**
   * Runs an expression as the initializer of a declaration whose type is written out, {@code Object $kpValue7 =
   * CellValues.keep(SLOT, EXPRESSION);}, and returns its value, or nothing when JShell rejected that: then nothing
   * ran, and the snippet runs as written. JShell types an expression with a compile of its own
   * before the compile that runs it (and fetching an object's value took a third); a declaration with its type
   * written out is compiled once. Measured with {@code bench/cell-latency/JShellSnippets.java}: {@code 1 + i} 8.6
   * ms, the declaration 6.5 ms. What JShell rejects costs little: a statement or declaration fails to parse (0.1
   * ms); a void call ("'void' type not allowed here") or a compile error fails to type (2 ms) and then runs, or
   * fails, as written — so every compile error the learner sees is JShell's for their own code.
   */
  private Optional<Object> evalAsDeclaration(String source) {
    String expression = source.strip();
    if (expression.endsWith(";")) {
      expression = expression.substring(0, expression.length() - 1);
    }
    Matcher call = CALL.matcher(expression);
    String callee = call.lookingAt() && expression.endsWith(")") ? call.group(1) : null;
    if (expression.isEmpty() || expression.startsWith("import ") || voidCallees.contains(callee)) {
      return Optional.empty();
    }
    CellValues.take(slot);
    List<SnippetEvent> events = shell.eval(valueDeclaration(slot, ++values, expression));
    SnippetEvent declared = events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElse(null);
    if (declared == null || declared.status() == Snippet.Status.REJECTED) {
      if (declared != null && callee != null
          && shell.diagnostics(declared.snippet()).anyMatch(d -> d.getCode().equals("compiler.err.void.not.allowed.here"))) {
        voidCallees.add(callee); // System.out.println(...) again goes straight to JShell: 2-3 ms less a cell
      }
      return Optional.empty();
    }
    try {
      if (declared.exception() != null) {
        throw thrown(declared.exception());
      }
      // the declaration completed, so keep ran and holds the value; JShell shows a null value as "null"
      Object value = CellValues.take(slot);
      return Optional.of(value == null ? "null" : value);
    } finally {
      if (declared.snippet() instanceof VarSnippet v) {
        shell.drop(v);
      }
      classFiles.keepDeclarations();
    }
  }

  /**
   * The declaration an expression runs as, {@code Object $kpValue7 = CellValues.keep(SLOT, EXPRESSION);}: a new
   * name each time, which no learner's starts with (JShell keeps every snippet of a name, dropped or not, and
   * declaring a name again went through them all: 1.5 s a snippet after 400-700 of them, against 7 ms with new
   * names); the closing parenthesis on a line of its own, where a trailing // comment cannot hide it.
   */
  private static String valueDeclaration(int slot, int number, String expression) {
    return "Object $kpValue" + number + " = " + CellValues.class.getName() + ".keep(" + slot + ", " + expression + "\n);";
  }

  /**
   * The start of a call, {@code System.out.println(}: the callee a void call was made through is remembered, and
   * an expression that starts with it again runs as written. A wrong guess (a method since redefined to return a
   * value, a chain {@code a(x).b()} named by its first call) only costs the time saved.
   */
  private static final Pattern CALL = Pattern.compile("([\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}.]*)\\s*\\(");

  /** The value of the snippet JShell reported in {@code events}; throws for one that failed. */
  private Object valueOf(List<SnippetEvent> events, String source, int cellOffset, String[] cellLines) {
    List<String> problems = new ArrayList<>();
    Object value = null;
    for (SnippetEvent e : events) {
      if (e.causeSnippet() != null) {
        continue; // an update of an earlier snippet
      }
      Snippet snippet = e.snippet();
      if (e.exception() != null) {
        throw thrown(e.exception());
      }
      if (e.status() == Snippet.Status.REJECTED) {
        shell.diagnostics(snippet).forEach(d -> problems.add(describe(d, source, cellOffset, cellLines)));
        if (problems.isEmpty()) {
          problems.add("line " + lineOf(cellLines, cellOffset) + ": this code was rejected: " + source.strip());
        }
      } else if (e.status() == Snippet.Status.RECOVERABLE_DEFINED
          || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
        shell.unresolvedDependencies((DeclarationSnippet) snippet)
            .forEach(
                name ->
                    problems.add(
                        "line " + lineOf(cellLines, cellOffset) + ": cannot find " + name));
      } else if (e.value() != null && isExpressionLike(snippet)) {
        value = objectOf(snippet, e.value());
      }
    }
    if (!problems.isEmpty()) {
      throw new CellError(problems);
    }
    return value;
  }

  /**
   * Lets go of what a run snippet left that no later snippet can name: JShell keeps each expression's value as a
   * variable $N that no learner sees, and compiles every later snippet against all of them (a trivial cell took
   * 48 ms after 1,000 cells, 13 ms with them dropped); and the class files of all but the active declarations,
   * which javac otherwise lists on every later compile ({@link SnippetClassFiles}).
   */
  private void forgetUnnamed(List<SnippetEvent> events) {
    for (SnippetEvent e : events) {
      if (e.causeSnippet() == null && e.status() != Snippet.Status.REJECTED && e.snippet() instanceof VarSnippet v
          && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
        shell.drop(v);
      }
    }
    classFiles.keepDeclarations();
  }

  /** The value of an expression snippet as an object, fetched through {@link CellValues}. */
  private Object objectOf(Snippet snippet, String asText) {
    String name =
        snippet instanceof VarSnippet v ? v.name()
            : snippet instanceof ExpressionSnippet x ? x.name() : null;
    if (name == null) {
      return asText;
    }
    String type = snippet instanceof VarSnippet v ? v.typeName() : ((ExpressionSnippet) snippet).typeName();
    Object primitive = primitive(type, asText);
    if (primitive != null) {
      return primitive; // no second snippet to compile for the commonest values
    }
    CellValues.take(slot);
    List<SnippetEvent> held = shell.eval(CellValues.class.getName() + ".keep(" + slot + ", " + name + ");");
    boolean ok = held.stream().allMatch(h -> h.exception() == null && h.status() == Snippet.Status.VALID);
    forgetUnnamed(held); // keep returns the value, which JShell would keep as one more $N
    Object value = CellValues.take(slot);
    return ok && value != null && value != CellValues.NOTHING ? value : asText;
  }

  /** A primitive value from JShell's text of it, or null for any other type. */
  private static Object primitive(String type, String text) {
    try {
      return switch (type) {
        case "int" -> Integer.valueOf(text);
        case "long" -> Long.valueOf(text);
        case "double" -> Double.valueOf(text);
        case "float" -> Float.valueOf(text);
        case "boolean" -> Boolean.valueOf(text);
        case "short" -> Short.valueOf(text);
        case "byte" -> Byte.valueOf(text);
        default -> null;
      };
    } catch (NumberFormatException e) {
      return null; // NaN, Infinity and the like: fetch the object
    }
  }

  private static boolean isExpressionLike(Snippet s) {
    return s.kind() == Snippet.Kind.EXPRESSION
        || (s.kind() == Snippet.Kind.VAR && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
  }

  private static String describe(Diag d, String source, int cellOffset, String[] cellLines) {
    int position = d.getPosition() < 0 ? 0 : (int) d.getPosition();
    int line = lineOf(cellLines, cellOffset + position);
    String code = line - 1 < cellLines.length ? cellLines[line - 1] : "";
    return "line " + line + ": " + d.getMessage(Locale.ROOT) + "\n    " + code.strip();
  }

  private static CellError thrown(Exception e) {
    List<String> lines = new ArrayList<>();
    String type =
        e instanceof EvalException ee ? ee.getExceptionClassName()
            : e instanceof UnresolvedReferenceException ? "unresolved reference" : e.getClass().getName();
    // The playground's own exceptions (a kernel's race, an access out of bounds, a compile error) say what
    // happened where in their message: the learner reads that, not a class name.
    boolean ours = type.startsWith("dev.kernelplayground.") && e.getMessage() != null;
    lines.add(ours ? e.getMessage() : type + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    Stream.of(e.getStackTrace())
        .filter(f -> !f.getClassName().startsWith("jdk.") && !f.getClassName().startsWith("java.")
            && !f.getClassName().startsWith("REPL.") && f.getFileName() != null && !f.getFileName().startsWith("#"))
        .limit(8)
        .forEach(f -> lines.add("    at " + f));
    Throwable cause = e.getCause();
    while (cause != null) {
      lines.add("caused by " + cause);
      cause = cause.getCause();
    }
    String sandbox = SandboxedKernel.current();
    boolean tooLarge = e.getMessage() != null && e.getMessage().contains("File too large"); // RLIMIT_FSIZE (the JVM ignores SIGXFSZ)
    if (sandbox != null && (FILE_ERRORS.contains(type) || tooLarge)) {
      lines.add("(" + sandbox + ")");
    }
    return new CellError(lines);
  }

  /** Exceptions a sandbox's walls cause: a file outside the notebook folder is missing, read-only or denied; a file over the size limit. */
  private static final List<String> FILE_ERRORS = List.of("java.nio.file.AccessDeniedException", "java.nio.file.FileSystemException",
      "java.nio.file.NoSuchFileException", "java.nio.file.ReadOnlyFileSystemException", "java.io.FileNotFoundException");

  private static int lineOf(String[] cellLines, int offset) {
    int line = 1;
    int seen = 0;
    for (String l : cellLines) {
      seen += l.length() + 1;
      if (offset < seen) {
        return line;
      }
      line++;
    }
    return Math.max(1, cellLines.length);
  }

  private static int lineOf(String cell, int offset) {
    return lineOf(cell.split("\n", -1), offset);
  }

  private static int leadingBlank(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

}
