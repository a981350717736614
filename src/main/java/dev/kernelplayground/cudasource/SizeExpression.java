package dev.kernelplayground.cudasource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.objecthunter.exp4j.Expression;
import net.objecthunter.exp4j.ExpressionBuilder;
import net.objecthunter.exp4j.function.Function;

/**
 * An arithmetic expression over a problem's sizes, as headers write launch dimensions and scalar arguments:
 * {@code cdiv(n, 128)}, {@code batch * heads}, {@code 1 / sqrt(dim)}. Parsed and evaluated by exp4j (real
 * arithmetic: {@code /} does not truncate) with three extra functions: {@code cdiv(a, b)} = ceil(a / b),
 * {@code min(a, b)}, {@code max(a, b)}; exp4j's own include sqrt, floor, ceil, log2, abs. Multiplication is
 * always written out ({@code 2 * n}, not {@code 2n}), so a misspelt {@code nn} is an unknown name, not n·n.
 */
public final class SizeExpression {
  private static final List<Function> FUNCTIONS =
      List.of(
          new Function("cdiv", 2) {
            @Override
            public double apply(double... args) {
              if (args[1] == 0) {
                throw new ArithmeticException("cdiv by zero");
              }
              return Math.ceil(args[0] / args[1]);
            }
          },
          new Function("min", 2) {
            @Override
            public double apply(double... args) {
              return Math.min(args[0], args[1]);
            }
          },
          new Function("max", 2) {
            @Override
            public double apply(double... args) {
              return Math.max(args[0], args[1]);
            }
          });

  private static final Set<String> FUNCTION_NAMES =
      Set.of("cdiv", "min", "max", "sqrt", "cbrt", "floor", "ceil", "abs", "log", "log2", "log10", "exp");
  private static final Pattern IDENTIFIER = Pattern.compile("([A-Za-z_]\\w*)\\s*(\\()?");

  private final String text;
  private final Set<String> names;

  private SizeExpression(String text, Set<String> names) {
    this.text = text;
    this.names = names;
  }

  /**
   * Parses {@code text}, which may use only {@code names}.
   *
   * @throws IllegalArgumentException with exp4j's reason (unknown name, bad syntax)
   */
  public static SizeExpression parse(String text, Set<String> names) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("empty expression");
    }
    // exp4j reads an unknown 'nn' as the known 'n' twice; every identifier is checked here first.
    Matcher identifier = IDENTIFIER.matcher(trimmed);
    while (identifier.find()) {
      String name = identifier.group(1);
      boolean call = identifier.group(2) != null;
      if (call ? !FUNCTION_NAMES.contains(name) : !names.contains(name)) {
        throw new IllegalArgumentException("'" + trimmed + "': unknown " + (call ? "function" : "name") + " '"
            + name + "'");
      }
    }
    build(trimmed, names); // validates the syntax now, not at launch time
    return new SizeExpression(trimmed, Set.copyOf(names));
  }

  private static Expression build(String text, Set<String> names) {
    try {
      return new ExpressionBuilder(text).implicitMultiplication(false).functions(FUNCTIONS).variables(names).build();
    } catch (IllegalArgumentException | java.util.EmptyStackException e) {
      String reason = e.getMessage() == null ? "not a valid expression" : e.getMessage();
      throw new IllegalArgumentException("'" + text + "': " + reason, e);
    }
  }

  /** The expression as written. */
  public String text() {
    return text;
  }

  /**
   * For {@code cdiv(e, T)} with a whole constant T (how a header covers e elements with blocks of T each), e and
   * T; otherwise empty.
   */
  public Optional<Cdiv> asCdiv() {
    if (!text.startsWith("cdiv(") || !text.endsWith(")")) {
      return Optional.empty();
    }
    String inner = text.substring("cdiv(".length(), text.length() - 1);
    int depth = 0;
    int comma = -1;
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (depth < 0) {
        return Optional.empty(); // "cdiv(a, b) * cdiv(c, d)": the outer parentheses are not one call
      }
      if (c == ',' && depth == 0) {
        comma = comma < 0 ? i : -2;
      }
    }
    if (comma < 0) {
      return Optional.empty();
    }
    try {
      long divisor = parse(inner.substring(comma + 1), Set.of()).evaluateWhole(Map.of());
      return divisor >= 1
          ? Optional.of(new Cdiv(parse(inner.substring(0, comma), names), divisor))
          : Optional.empty();
    } catch (IllegalArgumentException notAConstant) {
      return Optional.empty();
    }
  }

  /** {@code cdiv(covered, per)}: {@code per} of the {@code covered} elements to each block. */
  public record Cdiv(SizeExpression covered, long per) {}

  /** The value for these sizes (real arithmetic). */
  public double evaluate(Map<String, ? extends Number> sizes) {
    Expression e = build(text, names);
    for (String name : e.getVariableNames()) {
      Number value = sizes.get(name);
      if (value == null) {
        throw new IllegalArgumentException("'" + text + "' needs size '" + name + "', which was not given");
      }
      e.setVariable(name, value.doubleValue());
    }
    try {
      return e.evaluate();
    } catch (ArithmeticException ex) {
      throw new IllegalArgumentException("'" + text + "': " + ex.getMessage(), ex);
    }
  }

  /** The value for these sizes as a whole number; fails if it is not one or is out of long range. */
  public long evaluateWhole(Map<String, ? extends Number> sizes) {
    double value = evaluate(sizes);
    if (!Double.isFinite(value) || Math.abs(value - Math.rint(value)) > 1e-9 || Math.abs(value) > 9e15) {
      throw new IllegalArgumentException(
          "'" + text + "' is " + value + " for " + sizes + ", not a whole number (use cdiv or floor)");
    }
    return (long) Math.rint(value);
  }

  @Override
  public String toString() {
    return text;
  }
}
