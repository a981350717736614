package dev.kernelplayground.notebook;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.PersistentSnippet;
import jdk.jshell.Snippet;

/**
 * The class files JShell's compiler holds of the snippets it compiled, kept to those a later snippet can still name.
 * JShell keeps every snippet's class files for the whole session, and javac lists and purges all of them on every
 * compile (JShell's TaskFactory, JDK 25), so each cell compiled slower than the one before: a trivial cell after
 * 1,000 others took the kernel's cell thread CPU p50 12.8 ms with them kept and 8.0 ms with them forgotten
 * ({@code bench/cell-latency/versus.py}). Only an active declaration (a variable, method or class, not since
 * redefined or dropped) can be named by a later snippet; the class files of expressions, statements, the hidden
 * value variables the playground drops and declarations a cell has since redefined go. Their classes stay loaded:
 * JShell's execution engine keeps its own copy of the bytes.
 *
 * <p>JShell has no API for this; its file manager is reached by reflection, which needs {@code
 * --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} (kp.jar's manifest gives it). Without it, or on a JDK whose
 * JShell is built otherwise, nothing is forgotten and cells only grow slower as before ({@link #count()} is -1).
 */
final class SnippetClassFiles {
  /** The java option that opens JShell's internals to the playground's class path (kp.jar's manifest has it too). */
  static final String JAVA_OPTION = "--add-opens=jdk.jshell/jdk.jshell=ALL-UNNAMED";

  /** How JShell names a snippet's wrapper class: "REPL.$JShell$12", its nested classes "REPL.$JShell$12$Pair". */
  private static final String WRAPPER_PREFIX = "REPL.$JShell$";

  private final JShell shell;
  private final Map<String, ?> classFiles; // JShell's MemoryFileManager.classObjects; null when not reachable
  private final Method classFullName; // Snippet.classFullName(): the snippet's wrapper class

  private SnippetClassFiles(JShell shell, Map<String, ?> classFiles, Method classFullName) {
    this.shell = shell;
    this.classFiles = classFiles;
    this.classFullName = classFullName;
  }

  /** The class files of this shell, or a holder that forgets nothing when JShell's internals are closed to us. */
  @SuppressWarnings("unchecked") // classObjects is a Map<String, OutputMemoryJavaFileObject>; only its keys are read
  static SnippetClassFiles of(JShell shell) {
    try {
      Object taskFactory = field(JShell.class, "taskFactory").get(shell);
      Object fileManager = field(taskFactory.getClass(), "fileManager").get(taskFactory);
      Map<String, ?> classFiles = (Map<String, ?>) field(fileManager.getClass(), "classObjects").get(fileManager);
      Method classFullName = Snippet.class.getDeclaredMethod("classFullName");
      classFullName.setAccessible(true);
      return new SnippetClassFiles(shell, classFiles, classFullName);
    } catch (ReflectiveOperationException | RuntimeException closed) {
      return new SnippetClassFiles(shell, null, null);
    }
  }

  private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
    Field field = owner.getDeclaredField(name);
    field.setAccessible(true);
    return field;
  }

  /** How many class files the compiler holds (-1 when not reachable). */
  int count() {
    return classFiles == null ? -1 : classFiles.size();
  }

  /** Forgets every class file but those of the shell's active declarations; call it after an eval has ended. */
  void keepDeclarations() {
    if (classFiles == null) {
      return;
    }
    Set<String> declared;
    try {
      declared = shell.snippets()
          .filter(s -> s instanceof PersistentSnippet && shell.status(s).isActive())
          .map(this::wrapperOf)
          .collect(Collectors.toSet());
    } catch (IllegalStateException unavailable) {
      return; // the shell is closed, or its wrapper names cannot be read: forget nothing
    }
    classFiles.keySet().removeIf(name -> name.startsWith(WRAPPER_PREFIX) && !declared.contains(topLevel(name)));
  }

  private String wrapperOf(Snippet snippet) {
    try {
      return (String) classFullName.invoke(snippet);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("JShell's Snippet.classFullName failed", e);
    }
  }

  /** "REPL.$JShell$12" for itself and for the classes nested in it ("REPL.$JShell$12$Pair", "…$12$1"). */
  private static String topLevel(String className) {
    int nested = className.indexOf('$', WRAPPER_PREFIX.length());
    return nested < 0 ? className : className.substring(0, nested);
  }
}
