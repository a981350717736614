package dev.kernelplayground.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the resource lines {@code ptxas -v} prints per entry function. The format has shifted between CUDA
 * versions (barriers and "cumulative stack size" appeared later, "lmem" and "gmem" come and go), so each number is
 * found by its own regular expression inside the function's section and a missing optional one is tolerated.
 */
public final class PtxasReport {
  private static final Pattern ENTRY = Pattern.compile("Compiling entry function '([^']+)'");
  private static final Pattern PROPERTIES = Pattern.compile("Function properties for (\\S+)");
  private static final Pattern STACK = Pattern.compile("(\\d+) bytes stack frame");
  private static final Pattern SPILL_STORES = Pattern.compile("(\\d+) bytes spill stores");
  private static final Pattern SPILL_LOADS = Pattern.compile("(\\d+) bytes spill loads");
  private static final Pattern REGISTERS = Pattern.compile("Used (\\d+) registers");
  private static final Pattern BARRIERS = Pattern.compile("used (\\d+) barriers");
  private static final Pattern SMEM = Pattern.compile("(\\d+) bytes smem");
  private static final Pattern CMEM = Pattern.compile("(\\d+) bytes cmem\\[0\\]");
  private static final Pattern MANGLED = Pattern.compile("_Z(\\d+)(\\w+)");

  private PtxasReport() {}

  /**
   * One report per entry function, in the order ptxas printed them.
   *
   * @throws IllegalArgumentException if a function's section has no "Used N registers" line
   */
  public static List<ResourceReport> parse(String log) {
    List<ResourceReport> reports = new ArrayList<>();
    Matcher entry = ENTRY.matcher(log);
    List<int[]> sections = new ArrayList<>();
    List<String> names = new ArrayList<>();
    while (entry.find()) {
      sections.add(new int[] {entry.start(), log.length()});
      names.add(entry.group(1));
    }
    for (int i = 0; i < sections.size(); i++) {
      int end = i + 1 < sections.size() ? sections.get(i + 1)[0] : log.length();
      reports.add(section(names.get(i), log.substring(sections.get(i)[0], end)));
    }
    return reports;
  }

  private static ResourceReport section(String function, String text) {
    // The stack / spill line follows "Function properties for <this function>"; device functions called by it
    // have their own "Function properties" lines, which are skipped.
    String properties = text;
    Matcher p = PROPERTIES.matcher(text);
    while (p.find()) {
      if (p.group(1).equals(function)) {
        properties = text.substring(p.end());
        break;
      }
    }
    Integer registers = number(REGISTERS, text);
    if (registers == null) {
      throw new IllegalArgumentException("ptxas printed no 'Used N registers' line for " + function);
    }
    return new ResourceReport(
        function,
        demangle(function),
        registers,
        orZero(number(SMEM, text)),
        orZero(number(SPILL_STORES, properties)),
        orZero(number(SPILL_LOADS, properties)),
        orZero(number(STACK, properties)),
        number(BARRIERS, text) == null ? -1 : number(BARRIERS, text),
        orZero(number(CMEM, text)));
  }

  /** The plain name of a (possibly Itanium-mangled, un-namespaced) function: "_Z3fooPKfPfi" → "foo". */
  public static String demangle(String symbol) {
    Matcher m = MANGLED.matcher(symbol);
    if (m.matches()) {
      int length = Integer.parseInt(m.group(1));
      if (length <= m.group(2).length()) {
        return m.group(2).substring(0, length);
      }
    }
    return symbol;
  }

  private static Integer number(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? Integer.valueOf(m.group(1)) : null;
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
