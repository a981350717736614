package dev.kernelplayground.jcuda;

import dev.kernelplayground.cudasource.BoundKernel;
import dev.kernelplayground.cudasource.KernelLibrary;
import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.problem.GpuComparison;
import dev.kernelplayground.problem.ProblemFamily;
import dev.kernelplayground.problem.ReferenceCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernels/ library in the GPU checks and benchmark matrix: one {@link MatrixEntry} per file, named by its
 * id ("matmul/07_warptile"), each size bound with {@link BoundKernel#bind} and prepared by the session ({@link
 * GpuSession#prepare}).
 * A file whose header does not parse becomes an entry whose every row is that error, so one broken file does
 * not hide the others.
 *
 * <p>The sizes come from the file's problem family ({@link ProblemFamily#gpuChecks()}, {@link
 * ProblemFamily#benchSizes}): checked at the family's first odd GPU shape (attention with the causal mask),
 * benchmarked at its benchmark sizes, every switch off; each file's speed is compared as its check says
 * ({@link ReferenceCheck#comparison()}).
 */
public final class LibraryMatrix {
  /** The kernel whose bandwidth softmax is compared with. */
  static final String COPY = "copy/01_copy";

  /** The kernel attention's speed-ups are over. */
  static final String NAIVE_ATTENTION = "attention/01_naive";

  private LibraryMatrix() {}

  /** Every file once, at an odd shape (attention causal), for the checks. */
  public static List<MatrixEntry> checks(KernelLibrary library) {
    List<MatrixEntry> entries = new ArrayList<>();
    for (var file : library.allFiles()) {
      entries.add(entry(file, true, false));
    }
    return entries;
  }

  /** Every file at the benchmark sizes. */
  public static List<MatrixEntry> benchmarks(KernelLibrary library, boolean quick) {
    List<MatrixEntry> entries = new ArrayList<>();
    for (var file : library.allFiles()) {
      entries.add(entry(file, false, quick));
    }
    return entries;
  }

  /**
   * One file at one size, switches included: the size its traffic was counted at ({@code profile.TrafficCounts}),
   * measured like the benchmark rows.
   */
  public static MatrixEntry at(java.nio.file.Path file, int[] size) {
    return entry(file, family -> List.of(size));
  }

  private static MatrixEntry entry(java.nio.file.Path file, boolean check, boolean quick) {
    return entry(file, family -> check ? family.gpuChecks().subList(0, 1) : family.benchSizes(quick));
  }

  private static MatrixEntry entry(
      java.nio.file.Path file, java.util.function.Function<ProblemFamily<?>, List<int[]>> sizes) {
    KernelSource source;
    try {
      source = KernelSource.load(file);
    } catch (IllegalArgumentException e) {
      String id = file.getParent().getFileName() + "/" + file.getFileName().toString().replaceFirst("\\.cu$", "");
      return MatrixEntry.of(id, GpuComparison.PEAK_BANDWIDTH, List.of(new int[] {0}), (session, size, seed) -> {
        throw e;
      });
    }
    ReferenceCheck reference = source.header().check();
    ProblemFamily<?> family = reference.family();
    List<int[]> shapes = sizes.apply(family);
    // The rows show the extents; the switches (attention's causal) are one per entry, and named in it.
    int[] switches = family.switchValues(shapes.get(0));
    StringBuilder name = new StringBuilder(source.id());
    for (int i = 0; i < switches.length; i++) {
      if (switches[i] == 1) {
        name.append(", ").append(family.switchNames().get(i));
      }
    }
    return MatrixEntry.of(name.toString(), reference.comparison(), shapes.stream().map(family::extents).toList(),
        (session, size, seed) ->
            session.prepare(BoundKernel.bind(source, family.named(family.withSwitches(size, switches)), seed)));
  }
}
