package dev.kernelplayground.notebook;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;

/**
 * The class files JShell's compiler holds of the snippets it compiled, and the forgetting of those no later snippet
 * can name. JShell keeps every snippet's class files for the whole session, and javac lists and purges all of them on
 * every compile (JShell's TaskFactory, JDK 25), so each cell compiled slower than the one before: a trivial cell
 * after 1,000 others took the kernel's cell thread CPU p50 12.8 ms with them kept and 8.0 ms with them forgotten
 * ({@code bench/cell-latency/versus.py}). An expression (whose hidden value variable the playground drops) and a
 * statement are never named by a later snippet; once one has run, its class files go. Its classes stay loaded:
 * JShell's execution engine keeps its own copy of the bytes.
 *
 * <p>JShell has no API for this; its file manager is reached by reflection, which needs {@code
 * --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} (kp.jar's manifest gives it). Without it, or on a JDK whose
 * JShell is built otherwise, nothing is forgotten and cells only grow slower as before ({@link #count()} is -1).
 */
final class SnippetClassFiles {
  /** The java option that opens JShell's internals to the playground's class path (kp.jar's manifest has it too). */
  static final String JAVA_OPTION = "--add-opens=jdk.jshell/jdk.jshell=ALL-UNNAMED";

  private final Map<String, ?> classFiles; // JShell's MemoryFileManager.classObjects; null when not reachable
  private final Method classFullName; // Snippet.classFullName(): the snippet's wrapper class, "REPL.$JShell$12"

  private SnippetClassFiles(Map<String, ?> classFiles, Method classFullName) {
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
      return new SnippetClassFiles(classFiles, classFullName);
    } catch (ReflectiveOperationException | RuntimeException closed) {
      return new SnippetClassFiles(null, null);
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

  /**
   * Forgets the class files of a snippet that no later snippet can name: an expression, a statement or a dropped
   * variable. Its wrapper class and the classes nested in it (an anonymous class's {@code $1}) go.
   */
  void forget(Snippet snippet) {
    if (classFiles == null) {
      return;
    }
    String wrapper;
    try {
      wrapper = (String) classFullName.invoke(snippet);
    } catch (ReflectiveOperationException e) {
      return;
    }
    classFiles.keySet().removeIf(name -> name.equals(wrapper) || name.startsWith(wrapper + "$"));
  }
}
