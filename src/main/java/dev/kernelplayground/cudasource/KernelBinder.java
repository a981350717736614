package dev.kernelplayground.cudasource;

import dev.kernelplayground.problem.Problem;
import dev.kernelplayground.problem.ReferenceCheck;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves a kernel file's header for concrete sizes and a seed into a {@link BoundKernel}. Every mistake is
 * reported as a {@link HeaderException} at the header line it comes from.
 */
final class KernelBinder {
  private KernelBinder() {}

  static BoundKernel bind(KernelSource source, Map<String, ? extends Number> given, long seed) {
    ReferenceCheck check = source.header().check();
    int checkLine = headerLine(source, "check", 1);
    Map<String, Integer> sizes = sizes(source, check, checkLine, given);
    Problem problem;
    try {
      problem = check.problem(sizes, seed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source.path() + ": cannot make the " + check.label() + " problem at "
          + sizes + ": " + e.getMessage(), e);
    }
    ElementType inputElement = ElementType.of(check.inputElementType());
    Map<String, KernelArg.Buffer> scratch = new HashMap<>();
    Set<String> used = new HashSet<>();
    List<BoundLaunch> launches = new ArrayList<>();
    for (LaunchSpec spec : source.header().launches()) {
      int argsLine = headerLine(source, "args", spec.line());
      LaunchDims dims = spec.evaluate(sizes);
      List<KernelArg> args = new ArrayList<>();
      for (KernelParam arg : spec.args()) {
        KernelArg bound = switch (arg.role()) {
          case INPUT -> input(source, argsLine, spec, arg, problem, inputElement);
          case OUTPUT -> output(source, argsLine, spec, arg, problem);
          case SCRATCH -> scratch(source, argsLine, spec, arg, sizes, scratch);
          case SIZE, SCALAR -> scalar(source, argsLine, spec, arg, sizes);
        };
        used.add(bound.name());
        args.add(bound);
      }
      launches.add(new BoundLaunch(spec.kernelName(), spec.line(), dims, args));
    }
    List<String> unused = new ArrayList<>();
    for (String input : problem.inputs().keySet()) {
      if (!used.contains(input)) {
        unused.add(input);
      }
    }
    if (!used.contains("out")) {
      unused.add("out");
    }
    if (!unused.isEmpty()) {
      throw new HeaderException(source.path(), checkLine, "no kernel is passed " + String.join(", ", unused)
          + ", which " + problem.describe() + " needs");
    }
    return new BoundKernel(source, sizes, problem, launches);
  }

  /** The given sizes as ints in the check's order; every size named, none unknown, each in range. */
  private static Map<String, Integer> sizes(
      KernelSource source, ReferenceCheck check, int checkLine, Map<String, ? extends Number> given) {
    String wanted = String.join(", ", check.sizeNames());
    List<String> unknown = given.keySet().stream().filter(n -> !check.sizeNames().contains(n)).sorted().toList();
    if (!unknown.isEmpty()) {
      throw new HeaderException(source.path(), checkLine, "size" + (unknown.size() == 1 ? " " : "s ")
          + String.join(", ", unknown) + " given, but " + check.label() + " has the sizes " + wanted);
    }
    List<String> missing = check.sizeNames().stream().filter(n -> !given.containsKey(n)).toList();
    if (!missing.isEmpty()) {
      throw new HeaderException(source.path(), checkLine, check.label() + " needs the sizes " + wanted
          + "; missing " + String.join(", ", missing) + (given.isEmpty() ? "" : " (given " + given + ")"));
    }
    Map<String, Integer> sizes = new LinkedHashMap<>();
    for (String name : check.sizeNames()) {
      Number value = given.get(name);
      double v = value.doubleValue();
      boolean isSwitch = check.family().switchNames().contains(name);
      if (v != Math.rint(v) || (isSwitch ? v != 0 && v != 1 : v < 1 || v > Integer.MAX_VALUE)) {
        throw new HeaderException(source.path(), checkLine, "size " + name + " = " + value + " must be "
            + (isSwitch ? "0 or 1" : "a whole number from 1 to " + Integer.MAX_VALUE));
      }
      sizes.put(name, (int) v);
    }
    return sizes;
  }

  private static KernelArg input(
      KernelSource source, int line, LaunchSpec spec, KernelParam arg, Problem problem, ElementType expected) {
    float[] values = problem.inputs().get(arg.name());
    if (values == null) {
      throw new HeaderException(source.path(), line, spec.kernelName() + " takes input '" + arg.name() + "', but "
          + problem.describe() + " has the inputs " + String.join(", ", problem.inputs().keySet()));
    }
    ElementType element = element(source, line, spec, arg);
    if (element != expected) {
      throw new HeaderException(source.path(), line, "input '" + arg.name() + "' of " + source.header().check()
          .label() + " holds " + expected.cName() + ", not " + element.cName());
    }
    return new KernelArg.Buffer(arg.name(), element, values.length, KernelArg.Access.IN);
  }

  private static KernelArg output(KernelSource source, int line, LaunchSpec spec, KernelParam arg, Problem problem) {
    if (element(source, line, spec, arg) != ElementType.FLOAT) {
      throw new HeaderException(source.path(), line, "the output '" + arg.name() + "' is float*, not "
          + arg.cType());
    }
    return new KernelArg.Buffer(arg.name(), ElementType.FLOAT, problem.outputSize(), KernelArg.Access.OUT);
  }

  private static KernelArg scratch(
      KernelSource source, int line, LaunchSpec spec, KernelParam arg, Map<String, Integer> sizes,
      Map<String, KernelArg.Buffer> seen) {
    long elements;
    try {
      elements = arg.scratchElements(sizes);
    } catch (IllegalArgumentException e) {
      throw new HeaderException(source.path(), line, arg.name() + ": " + e.getMessage());
    }
    if (elements < 1) {
      throw new HeaderException(source.path(), line, "scratch buffer " + arg + " has " + elements
          + " elements at " + sizes + "; it needs at least one");
    }
    KernelArg.Buffer bound =
        new KernelArg.Buffer(arg.name(), element(source, line, spec, arg), elements, KernelArg.Access.IN_OUT);
    KernelArg.Buffer earlier = seen.putIfAbsent(arg.name(), bound);
    if (earlier != null && !earlier.equals(bound)) {
      throw new HeaderException(source.path(), line, "scratch buffer '" + arg.name() + "' is " + describe(bound)
          + " in " + spec.kernelName() + " but " + describe(earlier) + " in an earlier launch; one name is one "
          + "buffer");
    }
    return bound;
  }

  private static KernelArg scalar(KernelSource source, int line, LaunchSpec spec, KernelParam arg,
      Map<String, Integer> sizes) {
    boolean isInt = arg.elementType().equals("int");
    try {
      if (arg.role() == ArgRole.SIZE) {
        int value = sizes.get(arg.name());
        return isInt ? new KernelArg.IntScalar(arg.name(), value) : new KernelArg.FloatScalar(arg.name(), value);
      }
      if (isInt) {
        long value = arg.expression().evaluateWhole(sizes);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("'" + arg.expression() + "' is " + value + ", too big for an int");
        }
        return new KernelArg.IntScalar(arg.name(), value);
      }
      return new KernelArg.FloatScalar(arg.name(), (float) arg.expression().evaluate(sizes));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new HeaderException(source.path(), line, spec.kernelName() + " argument " + arg + ": "
          + (e.getMessage() == null ? "size '" + arg.name() + "' was not given" : e.getMessage()));
    }
  }

  private static ElementType element(KernelSource source, int line, LaunchSpec spec, KernelParam arg) {
    try {
      return ElementType.of(arg.cType());
    } catch (IllegalArgumentException e) {
      throw new HeaderException(source.path(), line, spec.kernelName() + " argument " + arg + ": " + e.getMessage());
    }
  }

  private static String describe(KernelArg.Buffer s) {
    return s.elements() + " × " + s.element().cName();
  }

  /** The 1-based line of the first {@code @kp key:} at or after {@code from}; {@code from} when there is none. */
  static int headerLine(KernelSource source, String key, int from) {
    List<String> lines = source.text().lines().collect(Collectors.toList());
    for (int i = Math.max(0, from - 1); i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.startsWith("//") && line.substring(2).trim().startsWith("@kp " + key + ":")) {
        return i + 1;
      }
      if (!line.isEmpty() && !line.startsWith("//")) {
        break; // the header ends at the first line of code
      }
    }
    return from;
  }
}
