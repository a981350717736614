package dev.kernelplayground.cudasource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code __global__} functions of a CUDA source and their parameter types, found with a regular expression
 * after comments are blanked out. Enough to check a header against the code; not a C++ parser (templates and
 * macros in a signature are not understood).
 */
final class GlobalFunctions {
  private static final Pattern GLOBAL =
      Pattern.compile("__global__\\s+(?:__launch_bounds__\\s*\\([^)]*\\)\\s*)?void\\s+"
          + "(?:__launch_bounds__\\s*\\([^)]*\\)\\s*)?([A-Za-z_]\\w*)\\s*\\(([^)]*)\\)");

  /** A kernel function: its name, its parameters' normalised types and its 1-based line. */
  record Signature(String name, List<String> parameterTypes, int line) {}

  private GlobalFunctions() {}

  /** The {@code __global__} functions of {@code source}, by name, in file order. */
  static Map<String, Signature> of(String source) {
    String code = blankComments(source);
    Map<String, Signature> found = new LinkedHashMap<>();
    Matcher m = GLOBAL.matcher(code);
    while (m.find()) {
      List<String> types = new ArrayList<>();
      String params = m.group(2).trim();
      if (!params.isEmpty() && !params.equals("void")) {
        for (String p : params.split(",")) {
          types.add(typeOf(p));
        }
      }
      int line = 1 + (int) code.substring(0, m.start()).chars().filter(c -> c == '\n').count();
      found.put(m.group(1), new Signature(m.group(1), types, line));
    }
    return found;
  }

  /** The type of a parameter declaration: drops the name and __restrict__, normalises spaces around '*'. */
  static String typeOf(String declaration) {
    String d = declaration.replaceAll("\\b(__restrict__|__restrict|restrict)\\b", " ").trim();
    d = d.replaceAll("\\[[^\\]]*\\]", "").trim();
    d = d.replaceAll("[A-Za-z_]\\w*$", "").trim(); // the parameter's name
    return normaliseType(d);
  }

  /** "const float *" → "const float*"; "half" → "__half". */
  static String normaliseType(String type) {
    String t = type.replaceAll("\\s*\\*\\s*", "*").replaceAll("\\s+", " ").trim();
    t = t.replaceAll("\\bhalf\\b", "__half").replaceAll("\\b__half\\b", "__half");
    return t.replace("float const*", "const float*").replace("__half const*", "const __half*");
  }

  /** Replaces comments with spaces, keeping newlines so line numbers stay right. */
  static String blankComments(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    while (i < source.length()) {
      if (source.startsWith("//", i)) {
        while (i < source.length() && source.charAt(i) != '\n') {
          out.append(' ');
          i++;
        }
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        end = end < 0 ? source.length() : end + 2;
        for (; i < end; i++) {
          out.append(source.charAt(i) == '\n' ? '\n' : ' ');
        }
      } else {
        out.append(source.charAt(i++));
      }
    }
    return out.toString();
  }
}
