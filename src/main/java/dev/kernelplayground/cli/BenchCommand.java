package dev.kernelplayground.cli;

import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.HorizontalAlign;
import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.bench.ReferenceBenchmarks;
import dev.kernelplayground.bench.Sweep;
import dev.kernelplayground.bench.Timing;
import dev.kernelplayground.report.Units;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kp bench}: the benchmarks the project keeps. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Time the float64 CPU references every check waits for (matmul 512³ and 1024³, softmax, attention).")
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--repeats", defaultValue = "5", description = "Timed runs per case (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--warmups", defaultValue = "3", description = "Untimed warm-up runs per case (default: ${DEFAULT-VALUE}).")
  int warmups;

  @Override
  public Integer call() {
    BenchConfig config = new BenchConfig(warmups, repeats);
    List<ReferenceBenchmarks.Case> cases = ReferenceBenchmarks.cases(1);
    List<Timing> timings =
        Sweep.run("references", cases, c -> c.name() + " " + c.size(), c -> ReferenceBenchmarks.time(c, config));
    var out = spec.commandLine().getOut();
    out.println("float64 references, " + ReferenceBenchmarks.target().label() + " (" + warmups + " warm-ups, " + repeats + " timed runs; CPU timings)");
    out.println(
        AsciiTable.getTable(
            AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS,
            timings,
            List.of(
                new Column().header("reference").dataAlign(HorizontalAlign.LEFT).with(Timing::kernel),
                new Column().header("median").dataAlign(HorizontalAlign.RIGHT).with(t -> Units.seconds(t.median())),
                new Column().header("min").dataAlign(HorizontalAlign.RIGHT).with(t -> Units.seconds(t.min())),
                new Column().header("max").dataAlign(HorizontalAlign.RIGHT).with(t -> Units.seconds(t.max())),
                new Column().header("GFLOP/s").dataAlign(HorizontalAlign.RIGHT).with(t -> String.format("%.3g", t.gflops())))));
    out.flush();
    return 0;
  }
}
