package dev.kernelplayground.notebook;

import dev.kernelplayground.run.TrialResult;
import java.util.List;

/** Several trials of one kernel (a sweep over sizes), shown in a notebook as one timing table. */
public record TrialTable(List<TrialResult> results) {
  public TrialTable {
    results = List.copyOf(results);
  }

  public boolean allPassed() {
    return results.stream().allMatch(TrialResult::passed);
  }
}
