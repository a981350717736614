import java.util.Arrays;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

/**
 * What JShell alone spends on one kind of snippet, without Jupyter: a JShell on the local execution engine (as the
 * playground's kernel runs it) with {@code int i = 3} defined evaluates the snippet WARMUP times, then N more,
 * timing the split (analyzeCompletion), the eval and the drop of the value's temporary variable (as JavaCells
 * does). Run: {@code java bench/cell-latency/JShellSnippets.java [WARMUP N SNIPPET...]}, e.g. with
 * {@code "1 + i"} and {@code "int j = 1 + i;"} to see what working out an expression's type costs. CPU timings of
 * this machine, in ms.
 */
public class JShellSnippets {
  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    List<String> snippets = args.length > 2 ? Arrays.asList(args).subList(2, args.length)
        : List.of("1 + i", "int j = 1 + i;", "java.util.Objects.hash(1 + i);");
    for (String snippet : snippets) {
      try (JShell shell = JShell.builder().executionEngine("local").build()) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        shell.eval("int i = 3;");
        long[] split = new long[n];
        long[] eval = new long[n];
        long[] drop = new long[n];
        for (int k = 0; k < warmup + n; k++) {
          long t0 = System.nanoTime();
          String source = analysis.analyzeCompletion(snippet).source();
          long t1 = System.nanoTime();
          List<SnippetEvent> events = shell.eval(source);
          long t2 = System.nanoTime();
          events.stream().filter(e -> e.snippet() instanceof VarSnippet).forEach(e -> shell.drop((VarSnippet) e.snippet()));
          long t3 = System.nanoTime();
          if (k >= warmup) {
            split[k - warmup] = t1 - t0;
            eval[k - warmup] = t2 - t1;
            drop[k - warmup] = t3 - t2;
          }
        }
        System.out.printf("%-34s split %s | eval %s | drop %s%n", snippet, percentiles(split), percentiles(eval),
            percentiles(drop));
      }
    }
  }

  private static String percentiles(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format("p50 %5.2f p90 %5.2f ms", sorted[sorted.length / 2] / 1e6, sorted[sorted.length * 9 / 10] / 1e6);
  }
}
