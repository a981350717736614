import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

/**
 * What JShell alone spends on one kind of snippet, without Jupyter. One JShell per snippet on the local execution
 * engine (as the playground's kernel runs it), each with {@code int i = 3} defined; the snippets take turns, WARMUP
 * rounds and then N measured ones (taking turns keeps javac's own JIT warm-up from favouring whichever runs last),
 * each timed as JavaCells runs a cell: the split (analyzeCompletion), the eval, the drop of the value's temporary
 * variable; the eval also in this thread's CPU time, which a busy machine's other work does not inflate (a wall time
 * far above it was time spent waiting for a core). {@code {k}} in a snippet is the round's number: JShell answers a
 * snippet whose text it has just seen from what it compiled then (a declaration repeated word for word took 3 ms,
 * one whose text changed 11 ms), and a learner's cells rarely repeat. Run: {@code java bench/cell-latency/JShellSnippets.java [WARMUP N SNIPPET...]}.
 * CPU timings of this machine, in ms.
 */
public class JShellSnippets {
  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    List<String> snippets = args.length > 2 ? Arrays.asList(args).subList(2, args.length)
        : List.of("i + {k}", "int j{k} = i + {k};", "java.util.Objects.hash(i, {k});");
    List<JShell> shells = new ArrayList<>();
    for (int s = 0; s < snippets.size(); s++) {
      JShell shell = JShell.builder().executionEngine("local").build();
      shell.eval("int i = 3;");
      shells.add(shell);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[][][] times = new long[snippets.size()][4][n];
    for (int k = 0; k < warmup + n; k++) {
      for (int s = 0; s < snippets.size(); s++) {
        JShell shell = shells.get(s);
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        long t0 = System.nanoTime();
        String source = analysis.analyzeCompletion(snippets.get(s).replace("{k}", String.valueOf(k))).source();
        long t1 = System.nanoTime();
        long cpu1 = threads.getCurrentThreadCpuTime();
        List<SnippetEvent> events = shell.eval(source);
        long cpu2 = threads.getCurrentThreadCpuTime();
        long t2 = System.nanoTime();
        events.stream().filter(e -> e.snippet() instanceof VarSnippet).forEach(e -> shell.drop((VarSnippet) e.snippet()));
        long t3 = System.nanoTime();
        if (k >= warmup) {
          times[s][0][k - warmup] = t1 - t0;
          times[s][1][k - warmup] = t2 - t1;
          times[s][2][k - warmup] = t3 - t2;
          times[s][3][k - warmup] = cpu2 - cpu1;
        }
      }
    }
    for (int s = 0; s < snippets.size(); s++) {
      System.out.printf("%-34s split %s | eval %s (CPU %s) | drop %s%n", snippets.get(s), percentiles(times[s][0]),
          percentiles(times[s][1]), percentiles(times[s][3]), percentiles(times[s][2]));
      shells.get(s).close();
    }
  }

  private static String percentiles(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format("p50 %5.2f p90 %5.2f ms", sorted[sorted.length / 2] / 1e6, sorted[sorted.length * 9 / 10] / 1e6);
  }
}
