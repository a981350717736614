package dev.kernelplayground.cudasource;

import dev.kernelplayground.problem.ReferenceCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code // @kp key: value} header at the top of a kernel file (format: docs/kernels.md).
 *
 * <p>The header is the run of comment and blank lines the file starts with. File-wide keys: {@code teaches}
 * (repeatable) and {@code check}. Each {@code kernel} line opens a launch block that needs {@code args},
 * {@code grid}, {@code block} and {@code smem}. Every mistake is a {@link HeaderException} naming the file and
 * the line; the header is also checked against the {@code __global__} functions in the code below it.
 */
public final class HeaderParser {
  private static final Pattern ENTRY = Pattern.compile("^\\s*//\\s*@kp\\s+([A-Za-z_]+)\\s*:(.*)$");
  private static final Pattern MENTION = Pattern.compile("^\\s*//\\s*@kp\\b.*$");
  private static final Pattern ARG =
      Pattern.compile(
          "^(const\\s+)?(float|__half|half|int)\\s*(\\*)?\\s*([A-Za-z_]\\w*)\\s*(?:\\[(.*)\\])?\\s*(?:=(.*))?$");
  private static final Set<String> LAUNCH_KEYS = Set.of("args", "grid", "block", "smem");

  private final Path file;

  private HeaderParser(Path file) {
    this.file = file;
  }

  /** Parses the header of {@code source}, read from {@code file} (used in messages). */
  public static KernelHeader parse(Path file, String source) {
    return new HeaderParser(file).parse(source);
  }

  /** Whether {@code source} has any {@code // @kp} line at the top, i.e. whether it means to have a header. */
  public static boolean hasHeader(String source) {
    for (String text : source.split("\\R", -1)) {
      String trimmed = text.trim();
      if (!trimmed.isEmpty() && !trimmed.startsWith("//")) {
        return false;
      }
      if (MENTION.matcher(text).matches()) {
        return true;
      }
    }
    return false;
  }

  private record Entry(String key, String value, int line) {}

  private KernelHeader parse(String source) {
    String[] lines = source.split("\\R", -1);
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String text = lines[i];
      String trimmed = text.trim();
      if (!trimmed.isEmpty() && !trimmed.startsWith("//")) {
        break; // the header ends at the first line of code
      }
      Matcher m = ENTRY.matcher(text);
      if (m.matches()) {
        entries.add(new Entry(m.group(1), m.group(2).trim(), i + 1));
      } else if (MENTION.matcher(text).matches()) {
        throw new HeaderException(file, i + 1, "a header line reads '// @kp key: value'; this one has no key");
      }
    }
    if (entries.isEmpty()) {
      throw new HeaderException(file, 1, "no '// @kp' header: a kernel file starts with lines like"
          + " '// @kp kernel: name', '// @kp check: matmul m n k', '// @kp args: ...' (see docs/kernels.md)");
    }

    List<String> teaches = new ArrayList<>();
    ReferenceCheck check = null;
    int checkLine = 0;
    for (Entry e : entries) {
      switch (e.key) {
        case "teaches" -> teaches.add(e.value);
        case "check" -> {
          if (check != null) {
            throw new HeaderException(file, e.line, "a second 'check' line (the first is line " + checkLine + ")");
          }
          check = parseCheck(e);
          checkLine = e.line;
        }
        case "kernel", "args", "grid", "block", "smem" -> {}
        default -> throw new HeaderException(file, e.line, "unknown header key '" + e.key
            + "'; the keys are kernel, teaches, check, args, grid, block, smem");
      }
    }
    if (check == null) {
      throw new HeaderException(file, entries.get(0).line, "the header has no '// @kp check:' line naming the"
          + " reference (" + ReferenceCheck.labels() + ") and the problem's sizes");
    }
    if (teaches.stream().allMatch(String::isBlank)) {
      throw new HeaderException(file, entries.get(0).line, "the header has no '// @kp teaches:' line saying what"
          + " the kernel teaches");
    }

    List<LaunchSpec> launches = launchBlocks(entries, check);
    checkAgainstCode(source, launches, check, entries.get(entries.size() - 1).line);
    return new KernelHeader(String.join(" ", teaches.stream().filter(t -> !t.isBlank()).toList()), check, launches);
  }

  private ReferenceCheck parseCheck(Entry e) {
    String[] words = e.value.split("\\s+");
    ReferenceCheck check = ReferenceCheck.byLabel(words[0]).orElseThrow(() -> new HeaderException(file, e.line,
        "unknown check '" + words[0] + "'; the checks are " + ReferenceCheck.labels()));
    List<String> sizes = List.of(words).subList(1, words.length);
    if (!sizes.equals(check.sizeNames())) {
      throw new HeaderException(file, e.line, "the sizes of " + check.label() + " are '"
          + String.join(" ", check.sizeNames()) + "', the line says '" + String.join(" ", sizes) + "'");
    }
    return check;
  }

  private List<LaunchSpec> launchBlocks(List<Entry> entries, ReferenceCheck check) {
    List<LaunchSpec> launches = new ArrayList<>();
    Entry kernel = null;
    Map<String, Entry> block = new HashMap<>();
    for (Entry e : entries) {
      if (e.key.equals("kernel")) {
        if (kernel != null) {
          launches.add(launch(kernel, block, check));
        }
        if (!e.value.matches("[A-Za-z_]\\w*")) {
          throw new HeaderException(file, e.line, "'" + e.value + "' is not a C function name");
        }
        kernel = e;
        block = new HashMap<>();
      } else if (LAUNCH_KEYS.contains(e.key)) {
        if (kernel == null) {
          throw new HeaderException(file, e.line, "'" + e.key + "' comes before any '// @kp kernel:' line;"
              + " each kernel's launch block starts with its name");
        }
        Entry earlier = block.put(e.key, e);
        if (earlier != null) {
          throw new HeaderException(file, e.line, "a second '" + e.key + "' for kernel " + kernel.value
              + " (the first is line " + earlier.line + ")");
        }
      }
    }
    if (kernel == null) {
      throw new HeaderException(file, entries.get(0).line, "the header names no kernel: add '// @kp kernel:"
          + " function_name' and its args, grid, block and smem lines");
    }
    launches.add(launch(kernel, block, check));
    return launches;
  }

  private LaunchSpec launch(Entry kernel, Map<String, Entry> block, ReferenceCheck check) {
    for (String key : List.of("args", "grid", "block", "smem")) {
      if (!block.containsKey(key)) {
        throw new HeaderException(file, kernel.line, "kernel " + kernel.value + " has no '// @kp " + key
            + ":' line");
      }
    }
    Set<String> names = new HashSet<>(check.sizeNames());
    List<KernelParam> args = parseArgs(block.get("args"), check, names);
    List<SizeExpression> grid = triple(block.get("grid"), names);
    List<SizeExpression> blockDims = triple(block.get("block"), names);
    SizeExpression smem = expression(block.get("smem"), block.get("smem").value, names);
    LaunchSpec spec = new LaunchSpec(file, kernel.line, kernel.value, args, grid, blockDims, smem,
        block.get("grid").line, block.get("block").line, block.get("smem").line);
    spec.evaluate(check.defaultSizes()); // a block over 1024 threads or a fractional grid fails here, not at launch
    return spec;
  }

  private List<KernelParam> parseArgs(Entry e, ReferenceCheck check, Set<String> sizeNames) {
    List<KernelParam> args = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String part : splitTopLevel(e.value)) {
      Matcher m = ARG.matcher(part.trim());
      if (!m.matches()) {
        throw new HeaderException(file, e.line, "cannot read argument '" + part.trim() + "'; write e.g. 'const"
            + " float* a', 'float* out', 'int n', 'float scale = 1 / sqrt(dim)' or 'float* s[seq * seq]'");
      }
      boolean isConst = m.group(1) != null;
      boolean pointer = m.group(3) != null;
      String type = GlobalFunctions.normaliseType((isConst ? "const " : "") + m.group(2) + (pointer ? "*" : ""));
      String name = m.group(4);
      String size = m.group(5);
      String value = m.group(6);
      if (!seen.add(name)) {
        throw new HeaderException(file, e.line, "argument '" + name + "' appears twice");
      }
      args.add(arg(e, check, sizeNames, type, pointer, isConst, name, size, value));
    }
    return args;
  }

  private KernelParam arg(Entry e, ReferenceCheck check, Set<String> sizeNames, String type, boolean pointer,
      boolean isConst, String name, String size, String value) {
    if (pointer) {
      if (value != null) {
        throw new HeaderException(file, e.line, "buffer '" + name + "' cannot have a value ('= ...')");
      }
      if (size != null) {
        if (check.inputNames().contains(name) || name.equals("out")) {
          throw new HeaderException(file, e.line, "'" + name + "' is a problem buffer: drop its [size]");
        }
        return new KernelParam(type, name, ArgRole.SCRATCH, expression(e, size, sizeNames));
      }
      String element = type.replace("const", "").replace("*", "").trim();
      if (name.equals("out")) {
        if (isConst || !element.equals("float")) {
          throw new HeaderException(file, e.line, "the output 'out' must be 'float* out', not '" + type + "'");
        }
        return new KernelParam(type, name, ArgRole.OUTPUT, null);
      }
      if (check.inputNames().contains(name)) {
        if (!element.equals(check.inputElementType())) {
          throw new HeaderException(file, e.line, "input '" + name + "' of " + check.label() + " holds "
              + check.inputElementType() + ", not " + element);
        }
        return new KernelParam(type, name, ArgRole.INPUT, null);
      }
      throw new HeaderException(file, e.line, "buffer '" + name + "' is not an input of " + check.label() + " ("
          + String.join(", ", check.inputNames()) + "), not 'out', and has no [size] to make it a scratch"
          + " buffer");
    }
    if (size != null) {
      throw new HeaderException(file, e.line, "scalar '" + name + "' cannot have a [size]; only buffers do");
    }
    if (value != null) {
      return new KernelParam(type, name, ArgRole.SCALAR, expression(e, value, sizeNames));
    }
    if (sizeNames.contains(name)) {
      if (!type.equals("int")) {
        throw new HeaderException(file, e.line, "size '" + name + "' is passed as int, not " + type);
      }
      return new KernelParam(type, name, ArgRole.SIZE, null);
    }
    throw new HeaderException(file, e.line, "scalar '" + name + "' is not a size of " + check.label() + " ("
        + String.join(", ", check.sizeNames()) + "); give it a value, e.g. '" + type + " " + name + " = ...'");
  }

  private List<SizeExpression> triple(Entry e, Set<String> names) {
    List<String> parts = splitTopLevel(e.value);
    if (parts.size() != 3) {
      throw new HeaderException(file, e.line, e.key + " needs three expressions x, y, z separated by commas,"
          + " found " + parts.size());
    }
    return parts.stream().map(p -> expression(e, p, names)).toList();
  }

  private SizeExpression expression(Entry e, String text, Set<String> names) {
    try {
      return SizeExpression.parse(text, names);
    } catch (IllegalArgumentException ex) {
      throw new HeaderException(file, e.line, e.key + ": " + ex.getMessage() + " (names available: "
          + String.join(", ", names.stream().sorted().toList()) + "; functions: cdiv, min, max, sqrt, floor, ceil)");
    }
  }

  /** Splits at commas that are not inside parentheses or brackets. */
  static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        parts.add(current.toString().trim());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString().trim());
    if (parts.size() == 1 && parts.get(0).isEmpty()) {
      return List.of();
    }
    return parts;
  }

  private void checkAgainstCode(String source, List<LaunchSpec> launches, ReferenceCheck check, int lastLine) {
    Map<String, GlobalFunctions.Signature> functions = GlobalFunctions.of(source);
    Set<String> used = new HashSet<>();
    for (LaunchSpec launch : launches) {
      GlobalFunctions.Signature signature = functions.get(launch.kernelName());
      if (signature == null) {
        throw new HeaderException(file, launch.line(), "no __global__ function named '" + launch.kernelName()
            + "' in the file" + (functions.isEmpty() ? "" : "; it has " + String.join(", ", functions.keySet())));
      }
      List<String> declared = launch.args().stream().map(KernelParam::cType).toList();
      if (!declared.equals(signature.parameterTypes())) {
        throw new HeaderException(file, launch.line(), "the header's args for " + launch.kernelName() + " ("
            + String.join(", ", declared) + ") do not match the parameters on line " + signature.line() + " ("
            + String.join(", ", signature.parameterTypes()) + ")");
      }
      launch.args().forEach(a -> used.add(a.name()));
    }
    List<String> missing = new ArrayList<>();
    for (String input : check.inputNames()) {
      if (!used.contains(input)) {
        missing.add(input);
      }
    }
    if (!used.contains("out")) {
      missing.add("out");
    }
    if (!missing.isEmpty()) {
      throw new HeaderException(file, lastLine, "no kernel takes " + String.join(", ", missing) + "; "
          + check.label() + " passes " + String.join(", ", check.inputNames()) + " and expects the result in out");
    }
  }
}
