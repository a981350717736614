package dev.kernelplayground.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a .cu file into the C++ the host compiler builds against kp_cuda.h, keeping every line of the
 * user's code on its own line number (a {@code #line} directive names the user's file):
 *
 * <ul>
 *   <li>pointer parameters of {@code __global__} functions become {@code kp::gptr<T>}, pointers that check
 *       every access against their buffer;
 *   <li>{@code extern __shared__ T name[];} becomes a {@code kp::sptr<T>}, the running block's dynamic shared
 *       memory with its elements watched by the sanitizer;
 *   <li>a table at the end registers each kernel (and each requested template instantiation) by name.
 * </ul>
 *
 * Comments are blanked first (newlines kept), so the scanning below never trips over them.
 */
final class CudaSource {
  private static final Pattern GLOBAL = Pattern.compile("\\b__global__\\b");
  private static final Pattern ASM = Pattern.compile("\\b(asm|__asm__|__asm)\\b\\s*(volatile|__volatile__)?\\s*\\(");
  private static final Pattern EXTERN_SHARED = Pattern.compile("\\bextern\\s+__shared__\\b([^;]*);");
  private static final Pattern STATIC_SHARED = Pattern.compile("\\b__shared__\\b([^;{}]*);");
  private static final Pattern ALIGN = Pattern.compile("\\b(__align__|alignas)\\s*\\([^)]*\\)");
  private static final Pattern ARRAY_DECL = Pattern.compile("^(.*?)\\s*\\b([A-Za-z_]\\w*)\\s*\\[\\s*\\]\\s*$", Pattern.DOTALL);
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_]\\w*");
  private static final Set<String> NOT_A_NAME = Set.of("__launch_bounds__", "__attribute__", "__align__", "alignas");
  private static final Set<String> RESTRICT = Set.of("__restrict__", "__restrict", "restrict");

  /** The rewritten file and the kernels it registers. */
  /**
   * The rewritten file and the kernels it registers; {@code hostRuntime}: it is built against kp_program.h and
   * must be linked with the host runtime (a whole program, or a file of kernels that has host code and a main).
   */
  record Rewritten(String text, List<KernelSignature> kernels, List<String> registered, boolean hostRuntime) {}

  private CudaSource() {}

  static Rewritten rewrite(String source, String displayName, List<String> instantiations) {
    return rewrite(source, displayName, instantiations, List.of());
  }

  /**
   * As {@link #rewrite(String, String, List)}, also registering the kernels of the file's own headers
   * ({@code includedSources}, the text of each local {@code #include "..."}). Those are not rewritten:
   * their pointer parameters stay plain pointers, checked by the guard pages around each buffer only.
   */
  static Rewritten rewrite(String source, String displayName, List<String> instantiations, List<String> includedSources) {
    return rewrite(source, displayName, instantiations, includedSources, false);
  }

  /**
   * A whole program (a file with its own {@code main}): as {@link #rewrite(String, String, List, List)}, built
   * against kp_program.h, the host runtime, with every {@code kernel<<<grid, block, smem, stream>>>(args)}
   * turned into a launch that runs to its end ({@code kp::host::LaunchAt}), and each kernel registered by
   * address for {@code cudaLaunchKernel((void*)kernel, ...)}.
   */
  static Rewritten rewriteProgram(String source, String displayName, List<String> includedSources) {
    return rewrite(source, displayName, List.of(), includedSources, true);
  }

  private static final Pattern MAIN = Pattern.compile("\\bint\\s+main\\s*\\(");

  /** Whether the file defines {@code int main(...)} at file scope: a whole program rather than kernels. */
  static boolean definesMain(String source) {
    String scan = blankStrings(stripComments(source));
    Matcher main = MAIN.matcher(scan);
    while (main.find()) {
      if (braceDepth(scan, main.start()) == 0) {
        return true;
      }
    }
    return false;
  }

  private static Rewritten rewrite(
      String source, String displayName, List<String> instantiations, List<String> includedSources, boolean program) {
    String code = stripComments(source);
    String scan = blankStrings(code);
    Matcher asm = ASM.matcher(scan);
    if (asm.find()) {
      int line = lineOf(scan, asm.start());
      throw new EmulatorException(
          EmulatorException.Kind.UNSUPPORTED,
          displayName + ":" + line + ": inline PTX assembly (" + asm.group(1)
              + "(...)) cannot run in the CUDA emulator: write it in CUDA C, or run this kernel on a GPU",
          null, null, null, displayName, line);
    }
    List<Edit> edits = new ArrayList<>();
    Map<String, KernelSignature> kernels = new LinkedHashMap<>();
    Matcher global = GLOBAL.matcher(scan);
    while (global.find()) {
      KernelSignature kernel = rewriteKernel(code, scan, global.start(), global.end(), edits);
      if (kernel != null) {
        kernels.putIfAbsent(kernel.name(), kernel);
      }
    }
    for (String included : includedSources) {
      String includedCode = stripComments(included);
      String includedScan = blankStrings(includedCode);
      Matcher kernel = GLOBAL.matcher(includedScan);
      while (kernel.find()) {
        KernelSignature k = rewriteKernel(includedCode, includedScan, kernel.start(), kernel.end(), new ArrayList<>());
        if (k != null) {
          kernels.putIfAbsent(k.name(), k);
        }
      }
    }
    Matcher shared = EXTERN_SHARED.matcher(scan);
    while (shared.find()) {
      edits.add(rewriteExternShared(code, scan, shared, displayName));
    }
    Matcher staticShared = STATIC_SHARED.matcher(scan);
    int sharedIndex = 0;
    while (staticShared.find()) {
      Edit poison = rewriteSharedDeclaration(code, scan, staticShared, sharedIndex);
      if (poison != null) {
        edits.add(poison);
        sharedIndex++;
      }
    }
    // A file of kernels that also has host code and a main (a whole program whose kernels are launched one at
    // a time) is built against the host runtime too, its main renamed so the driver's main runs.
    boolean hostRuntime = program || definesMain(source);
    if (hostRuntime) {
      edits.addAll(ProgramLaunches.rewrite(code, scan, displayName));
    }
    edits.sort((a, b) -> Integer.compare(b.start, a.start));
    StringBuilder body = new StringBuilder(code);
    for (Edit edit : edits) {
      body.replace(edit.start, edit.end, edit.text);
    }

    StringBuilder out = new StringBuilder();
    out.append(hostRuntime ? "#include \"kp_program.h\"\n" : "#include \"kp_cuda.h\"\n");
    if (hostRuntime && !program) {
      out.append("#define main kp_program_main_not_run\nextern \"C\" volatile int kp_kernels_only = 1;\n");
    }
    out.append("#line 1 \"").append(escape(displayName)).append("\"\n");
    out.append(body);
    if (program) {
      out.append("\n#line 1 \"kp-kernel-table\"\n");
      int index = 0;
      List<String> registered = new ArrayList<>();
      for (KernelSignature k : kernels.values()) {
        if (!k.template()) {
          out.append("static ::kp::host::ProgramKernel<&").append(k.name()).append(" > kp_program_kernel_")
              .append(index++).append("(\"").append(k.name()).append("\");\n");
          registered.add(k.name());
        }
      }
      return new Rewritten(out.toString(), List.copyOf(kernels.values()), List.copyOf(registered), true);
    }
    out.append("\n#line 1 \"kp-kernel-table\"\n#include \"kp_register.h\"\n");
    List<String> registered = new ArrayList<>();
    int index = 0;
    for (KernelSignature k : kernels.values()) {
      if (k.template()) {
        continue;
      }
      out.append(registration(index++, k.name(), k.name(), k.parameters()));
      registered.add(k.name());
    }
    for (String wanted : instantiations) {
      String name = wanted.replaceAll("\\s+", "");
      int angle = name.indexOf('<');
      String base = angle < 0 ? name : name.substring(0, angle);
      KernelSignature k = kernels.get(base);
      if (k == null || !k.template() || angle < 0 || !name.endsWith(">")) {
        throw EmulatorException.of(
            EmulatorException.Kind.INVALID_LAUNCH,
            "'" + wanted + "' is not an instantiation of a kernel template in " + displayName
                + " (its kernel templates: " + templates(kernels) + ")");
      }
      out.append(registration(index++, name, name, k.parameters()));
      registered.add(name);
    }
    return new Rewritten(out.toString(), List.copyOf(kernels.values()), List.copyOf(registered), hostRuntime);
  }

  private static String templates(Map<String, KernelSignature> kernels) {
    List<String> names = kernels.values().stream().filter(KernelSignature::template).map(KernelSignature::name).toList();
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  private static String registration(int index, String name, String pointerName, List<String> parameters) {
    return "static ::kp::Register<&" + pointerName + " > kp_kernel_" + index + "(\"" + name + "\", \""
        + String.join(",", parameters) + "\");\n";
  }

  /** Rewrites the parameter list of the kernel whose {@code __global__} keyword spans [start, end). */
  private static KernelSignature rewriteKernel(String code, String scan, int start, int end, List<Edit> edits) {
    boolean template = isTemplate(scan, start);
    int pos = end;
    String name = null;
    int open = -1;
    while (pos < scan.length()) {
      int paren = scan.indexOf('(', pos);
      if (paren < 0) {
        return null;
      }
      int semicolonOrBrace = indexOfAny(scan, pos, ";{");
      if (semicolonOrBrace >= 0 && semicolonOrBrace < paren) {
        return null;
      }
      String before = scan.substring(pos, paren).stripTrailing();
      Matcher id = Pattern.compile("([A-Za-z_]\\w*)$").matcher(before);
      if (!id.find()) {
        return null;
      }
      if (NOT_A_NAME.contains(id.group(1))) {
        pos = matching(scan, paren) + 1;
        continue;
      }
      name = id.group(1);
      open = paren;
      break;
    }
    if (name == null) {
      return null;
    }
    int close = matching(scan, open);
    if (close < 0) {
      return null;
    }
    List<String> names = new ArrayList<>();
    List<String> declarations = new ArrayList<>();
    for (int[] piece : splitTopLevel(scan, open + 1, close)) {
      String original = code.substring(piece[0], piece[1]);
      String trimmed = original.strip();
      if (trimmed.isEmpty() || trimmed.equals("void")) {
        continue;
      }
      declarations.add(trimmed.replaceAll("\\s+", " "));
      int lead = original.indexOf(trimmed);
      String rewritten = rewriteParameter(trimmed, names);
      if (!rewritten.equals(trimmed)) {
        String newlines = "\n".repeat((int) trimmed.chars().filter(c -> c == '\n').count());
        edits.add(new Edit(piece[0] + lead, piece[0] + lead + trimmed.length(), rewritten + newlines));
      }
    }
    return new KernelSignature(name, List.copyOf(names), template, lineOf(scan, start), List.copyOf(declarations));
  }

  /** A pointer parameter becomes a checked pointer; every parameter's name is added to names. */
  private static String rewriteParameter(String parameter, List<String> names) {
    String withoutDefault = parameter.replaceAll("=.*$", "").strip();
    Matcher array = Pattern.compile("^(.*?)\\b([A-Za-z_]\\w*)\\s*\\[\\s*\\]$", Pattern.DOTALL).matcher(withoutDefault);
    if (array.matches() && withoutDefault.indexOf('*') < 0) {
      withoutDefault = array.group(1).strip() + "* " + array.group(2); // float x[] is float* x
    }
    int star = withoutDefault.lastIndexOf('*');
    boolean plainPointer = star >= 0 && withoutDefault.indexOf('*') == star && withoutDefault.indexOf('(') < 0
        && withoutDefault.indexOf('&') < 0;
    if (!plainPointer) {
      names.add(lastIdentifier(withoutDefault.replaceAll("\\[.*$", "")));
      return parameter;
    }
    String type = dropWords(withoutDefault.substring(0, star), RESTRICT);
    String after = withoutDefault.substring(star + 1);
    boolean constPointer = after.matches("(?s).*\\bconst\\b.*");
    String name = dropWords(after, Set.of("__restrict__", "__restrict", "restrict", "const", "__grid_constant__"));
    names.add(name);
    return (constPointer ? "const " : "") + "::kp::gptr<" + type + "> " + name;
  }

  private static String dropWords(String text, Set<String> words) {
    StringBuilder out = new StringBuilder();
    for (String word : text.strip().split("\\s+")) {
      if (!word.isEmpty() && !words.contains(word)) {
        out.append(out.length() == 0 ? "" : " ").append(word);
      }
    }
    return out.toString();
  }

  private static String lastIdentifier(String text) {
    Matcher m = IDENTIFIER.matcher(text);
    String last = "";
    while (m.find()) {
      last = m.group();
    }
    return last;
  }

  private static Edit rewriteExternShared(String code, String scan, Matcher m, String displayName) {
    String declaration = ALIGN.matcher(code.substring(m.start(1), m.end(1))).replaceAll(" ");
    Matcher array = ARRAY_DECL.matcher(declaration.strip());
    int line = lineOf(scan, m.start());
    if (!array.matches()) {
      throw new EmulatorException(
          EmulatorException.Kind.UNSUPPORTED,
          displayName + ":" + line + ": the emulator understands dynamic shared memory declared as "
              + "'extern __shared__ T name[];'",
          null, null, null, displayName, line);
    }
    String type = array.group(1).strip().replaceAll("\\s+", " ");
    String name = array.group(2);
    String newlines = "\n".repeat((int) code.substring(m.start(), m.end()).chars().filter(c -> c == '\n').count());
    boolean inFunction = braceDepth(scan, m.start()) > 0;
    String text = inFunction
        ? "::kp::sptr<" + type + "> " + name + "{static_cast<" + type + "*>(::kp::dynamic_smem(\"" + name + "\", \""
            + dropWords(type, Set.of("volatile", "const")).replace("\"", "") + "\", sizeof(" + type + ")))};"
        : "static ::kp::DynamicShared<" + type + "> " + name + ";";
    return new Edit(m.start(), m.end(), text + newlines);
  }

  /**
   * A {@code __shared__} array declaration becomes one of {@code kp::sarr} (the same bytes, every index of
   * every dimension checked), named for reports; inside a function each declared variable is also filled
   * with 0xFF bytes when the first thread of a block reaches it (kp::poison_shared). Everything stays on the
   * declaration's own lines.
   */
  private static Edit rewriteSharedDeclaration(String code, String scan, Matcher m, int index) {
    String before = scan.substring(Math.max(0, m.start() - 40), m.start());
    if (before.matches("(?s).*\\bextern\\s*$")) {
      return null;
    }
    boolean inFunction = braceDepth(scan, m.start()) > 0;
    String written = code.substring(m.start(1), m.end(1));
    String declaration = ALIGN.matcher(written).replaceAll(" ");
    if (declaration.contains("(") || declaration.contains("=")) {
      return null; // not a plain declaration: leave it alone
    }
    StringBuilder alignment = new StringBuilder();
    Matcher align = ALIGN.matcher(written);
    while (align.find()) {
      alignment.append(align.group()).append(' ');
    }
    List<int[]> pieces = splitTopLevel(declaration, 0, declaration.length());
    String firstText = declaration.substring(pieces.get(0)[0], pieces.get(0)[1]);
    int firstBracket = firstText.indexOf('[');
    String firstHead = firstBracket < 0 ? firstText : firstText.substring(0, firstBracket);
    String firstName = lastIdentifier(firstHead);
    if (firstName.isEmpty() || declaration.contains("*") || declaration.contains("&")) {
      return inFunction ? poisonOnly(scan, m, index, declaration) : null;
    }
    String type = firstHead.substring(0, firstHead.lastIndexOf(firstName)).strip().replaceAll("\\s+", " ");
    String elementType = dropWords(type, Set.of("volatile", "const"));
    StringBuilder text = new StringBuilder();
    StringBuilder after = new StringBuilder();
    List<String> names = new ArrayList<>();
    int variable = 0;
    for (int[] piece : pieces) {
      String p = declaration.substring(piece[0], piece[1]).strip();
      int bracket = p.indexOf('[');
      String name = lastIdentifier(bracket < 0 ? p : p.substring(0, bracket));
      if (name.isEmpty()) {
        return inFunction ? poisonOnly(scan, m, index, declaration) : null;
      }
      names.add(name);
      List<String> dims = new ArrayList<>();
      if (bracket >= 0) {
        int i = bracket;
        while (i < p.length() && p.charAt(i) == '[') {
          int close = matching(p, i);
          if (close < 0) {
            return null;
          }
          dims.add(p.substring(i + 1, close).strip());
          i = close + 1;
          while (i < p.length() && Character.isWhitespace(p.charAt(i))) {
            i++;
          }
        }
        if (dims.stream().anyMatch(String::isEmpty)) {
          return null;
        }
      }
      String wrapped = type;
      for (int d = dims.size() - 1; d >= 0; d--) {
        wrapped = "::kp::sarr<" + wrapped + ", (" + dims.get(d).replace('\n', ' ') + ")>";
      }
      text.append("__shared__ ").append(alignment).append(wrapped).append(' ').append(name).append("; ");
      String quoted = "\"" + elementType.replace("\"", "") + "\"";
      if (inFunction) {
        if (!dims.isEmpty()) {
          after.append("static thread_local long long kp_named_").append(index).append('_').append(variable)
              .append(" = 0; ::kp::name_shared_array(&").append(name).append(", \"").append(name).append("\", ")
              .append(quoted).append(", &kp_named_").append(index).append('_').append(variable).append("); ");
        }
      } else {
        // Every file-scope variable, array or not: the driver fills it at each block's start and tells the profiler
        // where it lies, as the first thread of a block does for a kernel's own.
        after.append("static ::kp::SharedRegistrar<decltype(").append(name).append(")> kp_named_").append(index)
            .append('_').append(variable).append("([]() -> void* { return &").append(name).append("; }, \"")
            .append(name).append("\", ").append(quoted).append("); ");
      }
      variable++;
    }
    if (inFunction) {
      after.append("static thread_local long long kp_shared_").append(index).append(" = 0;");
      for (String name : names) {
        after.append(" ::kp::poison_shared(&").append(name).append(", sizeof(").append(name).append("), &kp_shared_")
            .append(index).append(");");
      }
    }
    String newlines = "\n".repeat((int) code.substring(m.start(), m.end()).chars().filter(c -> c == '\n').count());
    return new Edit(m.start(), m.end(), text.toString() + after + newlines);
  }

  /** After a {@code __shared__} declaration the rewriting does not wrap: only the 0xFF fill. */
  private static Edit poisonOnly(String scan, Matcher m, int index, String declaration) {
    List<String> names = new ArrayList<>();
    for (int[] piece : splitTopLevel(declaration, 0, declaration.length())) {
      String text = declaration.substring(piece[0], piece[1]);
      int bracket = text.indexOf('[');
      String head = bracket < 0 ? text : text.substring(0, bracket);
      String name = lastIdentifier(head);
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    if (names.isEmpty()) {
      return null;
    }
    StringBuilder text = new StringBuilder(" static thread_local long long kp_shared_" + index + " = 0;");
    for (String name : names) {
      text.append(" ::kp::poison_shared(&").append(name).append(", sizeof(").append(name).append("), &kp_shared_")
          .append(index).append(");");
    }
    return new Edit(m.end(), m.end(), text.toString());
  }

  private static boolean isTemplate(String scan, int globalStart) {
    String before = scan.substring(0, globalStart).stripTrailing();
    while (true) {
      Matcher word = Pattern.compile("\\b(static|inline|extern|__forceinline__|__host__|__device__)$").matcher(before);
      if (!word.find()) {
        break;
      }
      before = before.substring(0, word.start()).stripTrailing();
    }
    if (!before.endsWith(">")) {
      return false;
    }
    int depth = 0;
    for (int i = before.length() - 1; i >= 0; i--) {
      char c = before.charAt(i);
      if (c == '>') {
        depth++;
      } else if (c == '<' && --depth == 0) {
        return before.substring(0, i).stripTrailing().endsWith("template");
      }
    }
    return false;
  }

  private static List<int[]> splitTopLevel(String scan, int from, int to) {
    List<int[]> pieces = new ArrayList<>();
    int depth = 0;
    int start = from;
    for (int i = from; i < to; i++) {
      char c = scan.charAt(i);
      if (c == '(' || c == '[' || c == '{' || c == '<') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}' || c == '>') {
        depth--;
      } else if (c == ',' && depth == 0) {
        pieces.add(new int[] {start, i});
        start = i + 1;
      }
    }
    pieces.add(new int[] {start, to});
    return pieces;
  }

  /** Where the ')' or ']' closing the '(' or '[' at {@code open} is, nesting counted; -1 when nothing closes it. */
  static int matching(String scan, int open) {
    char opening = scan.charAt(open);
    char closing = opening == '(' ? ')' : ']';
    int depth = 0;
    for (int i = open; i < scan.length(); i++) {
      char c = scan.charAt(i);
      if (c == opening) {
        depth++;
      } else if (c == closing && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOfAny(String text, int from, String chars) {
    for (int i = from; i < text.length(); i++) {
      if (chars.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static int braceDepth(String scan, int position) {
    int depth = 0;
    for (int i = 0; i < position; i++) {
      char c = scan.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      }
    }
    return depth;
  }

  static int lineOf(String text, int position) {
    int line = 1;
    for (int i = 0; i < position && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** Comments become spaces; newlines, strings and character literals stay as they are. */
  static String stripComments(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
        while (i < n && source.charAt(i) != '\n') {
          out.append(' ');
          i++;
        }
      } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
        int endComment = source.indexOf("*/", i + 2);
        int stop = endComment < 0 ? n : endComment + 2;
        for (; i < stop; i++) {
          out.append(source.charAt(i) == '\n' ? '\n' : ' ');
        }
      } else if (c == '"' || (c == '\'' && !digitSeparator(source, i))) {
        int stop = endOfLiteral(source, i);
        out.append(source, i, stop);
        i = stop;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** String and character literals become spaces of the same length, so scanning ignores them. */
  private static String blankStrings(String code) {
    StringBuilder out = new StringBuilder(code);
    int i = 0;
    while (i < code.length()) {
      char c = code.charAt(i);
      if (c == '"' || (c == '\'' && !digitSeparator(code, i))) {
        int stop = endOfLiteral(code, i);
        for (int j = i; j < stop; j++) {
          if (code.charAt(j) != '\n') {
            out.setCharAt(j, ' ');
          }
        }
        i = stop;
      } else {
        i++;
      }
    }
    return out.toString();
  }

  /** A quote right after a digit is C++14's digit separator ({@code 1'000'000}), not a character literal. */
  private static boolean digitSeparator(String text, int quote) {
    return quote > 0 && Character.isDigit(text.charAt(quote - 1));
  }

  private static int endOfLiteral(String text, int open) {
    char quote = text.charAt(open);
    int i = open + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == quote || c == '\n') {
        return i + 1;
      } else {
        i++;
      }
    }
    return text.length();
  }

  static String escape(String name) {
    return name.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  record Edit(int start, int end, String text) {}
}
