package dev.kernelplayground.emulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the host compiler's output into a message about the user's file: its own errors with their own
 * line numbers, and "the emulator does not support X" where the file uses CUDA the emulator lacks.
 */
final class CompileErrors {
  private static final Pattern DIAGNOSTIC =
      Pattern.compile("^(.+?):(\\d+):(\\d+): (?:fatal )?error: (.*)$", Pattern.MULTILINE);
  private static final Pattern REQUIRED_FROM_HERE = Pattern.compile("^(.+?):(\\d+):(\\d+):\\s+required from here", Pattern.MULTILINE);
  private static final Pattern UNDECLARED =
      Pattern.compile("(?:'([A-Za-z_][\\w:]*)' (?:was not declared in this scope|has not been declared"
          + "|is not a member of '[\\w:]+'|does not name a type)|use of undeclared identifier '([A-Za-z_][\\w:]*)'"
          + "|unknown type name '([A-Za-z_][\\w:]*)')");
  /** g++: "static assertion failed: the emulator ..."; clang: "static assertion failed due to ...: the emulator". */
  private static final Pattern STATIC_ASSERT = Pattern.compile("static assertion failed.*?: (the emulator does not .*)$");
  private static final Pattern MISSING_HEADER =
      Pattern.compile("^(?:([\\w./+-]+): No such file or directory|'([\\w./+-]+)' file not found)");
  private static final Pattern CUDA_LIBRARIES =
      Pattern.compile("^(cooperative_groups|cub/|cuda/|cuda_pipeline|cublas|cudnn|curand|cufft|cusparse|thrust/|nvrtc|sm_\\d+)");
  private static final String KERNEL_TABLE = "kp-kernel-table";
  private static final int SHOWN = 10;

  /** The kernel name registered on a line of the kernel table at the end of the rewritten source. */
  private static String tableEntry(String rewritten, int line) {
    int start = rewritten.indexOf("#line 1 \"" + KERNEL_TABLE + "\"");
    if (start < 0) {
      return "?";
    }
    List<String> lines = rewritten.substring(start).lines().skip(1).toList();
    if (line < 1 || line > lines.size()) {
      return "?";
    }
    Matcher name = Pattern.compile("\\(\"([^\"]*)\"").matcher(lines.get(line - 1));
    return name.find() ? name.group(1) : "?";
  }

  private CompileErrors() {}

  static EmulatorException explain(String output, String displayName, Path runtimeDir, String rewritten) {
    String cleaned = output.replace(runtimeDir.toString() + "/", "");
    List<String[]> errors = new ArrayList<>();
    Matcher m = DIAGNOSTIC.matcher(cleaned);
    while (m.find()) {
      errors.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
    }
    for (String[] e : errors) {
      Matcher missing = MISSING_HEADER.matcher(e[3]);
      if (missing.find() && isUserFile(e[0], displayName)) {
        int line = Integer.parseInt(e[1]);
        String header = missing.group(1) != null ? missing.group(1) : missing.group(2);
        boolean cuda = CUDA_LIBRARIES.matcher(header).find();
        return new EmulatorException(
            cuda ? EmulatorException.Kind.UNSUPPORTED : EmulatorException.Kind.COMPILE_ERROR,
            displayName + ":" + line + ": " + (cuda
                ? "the emulator does not provide " + header + " (cooperative groups, CUB, cuBLAS, pipelines and"
                    + " other CUDA libraries are not emulated)"
                : "#include file " + header + " not found (the emulator looks next to the .cu file)"),
            null, null, null, displayName, line);
      }
      if (e[0].equals(KERNEL_TABLE)) {
        String instantiation = tableEntry(rewritten, Integer.parseInt(e[1]));
        return EmulatorException.of(
            EmulatorException.Kind.COMPILE_ERROR,
            "the instantiation '" + instantiation + "' does not fit its kernel template in " + displayName
                + " (count and kinds of its template arguments?): " + e[3]);
      }
      Matcher a = STATIC_ASSERT.matcher(e[3]);
      if (a.find()) {
        int line = userLine(cleaned, displayName);
        return new EmulatorException(
            EmulatorException.Kind.UNSUPPORTED,
            (line > 0 ? displayName + ":" + line + ": " : displayName + ": ") + a.group(1),
            null, null, null, displayName, line);
      }
      Matcher u = UNDECLARED.matcher(e[3]);
      String undeclared = u.find() ? firstNonNull(u.group(1), u.group(2), u.group(3)) : null;
      if (undeclared != null && isUserFile(e[0], displayName) && looksLikeCuda(undeclared)) {
        int line = Integer.parseInt(e[1]);
        return new EmulatorException(
            EmulatorException.Kind.UNSUPPORTED,
            displayName + ":" + line + ": the emulator does not support " + undeclared
                + " (or it is misspelt); docs/emulator.md lists the CUDA it runs",
            null, null, null, displayName, line);
      }
    }
    List<String> shown = new ArrayList<>();
    int firstLine = 0;
    for (String[] e : errors) {
      if (isUserFile(e[0], displayName) && shown.size() < SHOWN) {
        shown.add(displayName + ":" + e[1] + ":" + e[2] + ": error: " + e[3]);
        firstLine = firstLine == 0 ? Integer.parseInt(e[1]) : firstLine;
      }
    }
    if (shown.isEmpty()) {
      cleaned.lines().limit(20).forEach(shown::add);
      firstLine = userLine(cleaned, displayName);
    }
    String message = displayName + " does not compile:\n  " + String.join("\n  ", shown);
    if (cleaned.contains("kp::gptr")) {
      message += "\n(in the emulator a kernel's pointer parameters are checked pointers, kp::gptr<T>: a template"
          + " that deduces T from a T* parameter cannot take one; pass a plain pointer there, e.g. &x[0] or"
          + " static_cast<const float*>(x))";
    }
    return new EmulatorException(
        EmulatorException.Kind.COMPILE_ERROR, message, null, null, null, displayName, firstLine);
  }

  private static String firstNonNull(String... values) {
    for (String v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static boolean looksLikeCuda(String identifier) {
    return identifier.startsWith("__") || identifier.startsWith("cuda") || identifier.startsWith("cooperative_groups")
        || identifier.startsWith("tex") || identifier.startsWith("surf") || identifier.startsWith("cub")
        || identifier.startsWith("nvcuda") || identifier.startsWith("atomic") || identifier.startsWith("h2")
        || identifier.startsWith("make_");
  }

  /** The user's line a template error comes from ("required from here"), else the first line naming it. */
  private static int userLine(String output, String displayName) {
    Matcher r = REQUIRED_FROM_HERE.matcher(output);
    while (r.find()) {
      if (isUserFile(r.group(1), displayName)) {
        return Integer.parseInt(r.group(2));
      }
    }
    Matcher any = Pattern.compile("^(.+?):(\\d+):\\d+:", Pattern.MULTILINE).matcher(output);
    while (any.find()) {
      if (isUserFile(any.group(1), displayName)) {
        return Integer.parseInt(any.group(2));
      }
    }
    return 0;
  }

  static boolean isUserFile(String file, String displayName) {
    String f = file.strip();
    int in = f.lastIndexOf("In file included from ");
    if (in >= 0) {
      f = f.substring(in + "In file included from ".length());
    }
    return f.equals(displayName) || f.endsWith("/" + displayName);
  }
}
