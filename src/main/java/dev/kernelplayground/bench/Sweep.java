package dev.kernelplayground.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Runs a list of benchmark cases with a progress bar on standard error, which keeps stdout clean. */
public final class Sweep {
  private Sweep() {}

  public static <C, R> List<R> run(
      String task, List<C> cases, Function<C, String> name, Function<C, R> measure) {
    List<R> results = new ArrayList<>(cases.size());
    try (ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(cases.size())
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(System.err))
            .setUpdateIntervalMillis(200)
            .build()) {
      for (C c : cases) {
        bar.setExtraMessage(name.apply(c));
        results.add(measure.apply(c));
        bar.step();
      }
    }
    return results;
  }
}
