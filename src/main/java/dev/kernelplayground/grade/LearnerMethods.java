package dev.kernelplayground.grade;

import dev.kernelplayground.notebook.JavaCells;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;

/**
 * The methods a learner's Java exercise cell defines, read by the grader's JShell without running the
 * cell: for each, a stand-in for the grader's checks (same name and signature; its body forwards the call to
 * the learner's JVM) and the line that makes the real one callable there. Only methods whose parameters and
 * result are primitives, strings or arrays of them get through; the types are checked against that list, so
 * no text of the learner's reaches the grader's JShell.
 */
final class LearnerMethods {
  private static final Pattern TYPE = Pattern.compile("(boolean|byte|char|short|int|long|float|double|String|java\\.lang\\.String)(\\[\\])*");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  /** One learner method: its name, parameter types and result type as Java spells them. */
  record Method(String name, List<String> parameters, String result) {
    String key() {
      return name + "(" + String.join(",", parameters) + ")";
    }

    /** The grader's stand-in: {@code int square(int p0) { return (int) LearnerCalls.call(7, "square(int)", new Object[] {p0}); }}. */
    String stub(int submission) {
      List<String> declared = new ArrayList<>();
      List<String> passed = new ArrayList<>();
      for (int i = 0; i < parameters.size(); i++) {
        declared.add(parameters.get(i) + " p" + i);
        passed.add("p" + i);
      }
      String call = LearnerCalls.class.getName() + ".call(" + submission + ", \"" + key() + "\", new Object[] {"
          + String.join(", ", passed) + "})";
      return result + " " + name + "(" + String.join(", ", declared) + ") { "
          + (result.equals("void") ? call + ";" : "return (" + result + ") " + call + ";") + " }";
    }

    /** The learner's side: {@code LearnerHost.register("square(int)", a -> square((int) a[0]));}. */
    String registration() {
      List<String> unpacked = new ArrayList<>();
      for (int i = 0; i < parameters.size(); i++) {
        unpacked.add("(" + parameters.get(i) + ") a[" + i + "]");
      }
      String call = name + "(" + String.join(", ", unpacked) + ")";
      return LearnerHost.class.getName() + ".register(\"" + key() + "\", a -> "
          + (result.equals("void") ? "{ " + call + "; return null; }" : call) + ");";
    }
  }

  private LearnerMethods() {}

  /** The methods of {@code cell} the grader can call, parsed by {@code java} (nothing of the cell runs). */
  static List<Method> of(JavaCells java, String cell) {
    List<Method> methods = new ArrayList<>();
    for (Snippet s : java.parse(cell)) {
      if (s instanceof MethodSnippet m) {
        String signature = m.signature();
        String result = signature.substring(signature.lastIndexOf(')') + 1);
        List<String> parameters = m.parameterTypes().isEmpty() ? List.of() : List.of(m.parameterTypes().split(","));
        boolean plain = NAME.matcher(m.name()).matches()
            && (result.equals("void") || TYPE.matcher(result).matches())
            && parameters.stream().allMatch(p -> TYPE.matcher(p).matches());
        if (plain) {
          methods.add(new Method(m.name(), parameters, result));
        }
      }
    }
    return methods;
  }
}
