package dev.kernelplayground.jcuda;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.cudasource.KernelLibrary;
import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.cudasource.LaunchSpec;
import dev.kernelplayground.problem.GpuComparison;
import dev.kernelplayground.problem.ProblemFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which kernels/ files the GPU matrix runs, compared with what, at which sizes; the sizes launch within CUDA's limits. */
class LibraryMatrixTest {
  private final KernelLibrary library = KernelLibrary.find();

  @Test
  void everyFileIsCheckedAndBenchmarkedAgainstItsComparison() {
    List<MatrixEntry> checks = LibraryMatrix.checks(library);
    List<MatrixEntry> benchmarks = LibraryMatrix.benchmarks(library, false);
    assertEquals(library.allFiles().size(), checks.size());
    assertEquals(library.allFiles().size(), benchmarks.size());
    Map<String, GpuComparison> comparisons = Map.of("matmul/07_warptile", GpuComparison.CUBLAS_SGEMM,
        "matmul/08_wmma_fp16", GpuComparison.CUBLAS_HGEMM, "copy/01_copy", GpuComparison.PEAK_BANDWIDTH,
        "softmax/04_online", GpuComparison.COPY_BANDWIDTH, "attention/03_flash_tiled", GpuComparison.NAIVE_ATTENTION,
        "attention/04_flash_wmma_fp16", GpuComparison.NAIVE_ATTENTION);
    comparisons.forEach((kernel, comparison) -> assertEquals(comparison,
        benchmarks.stream().filter(e -> e.kernel().equals(kernel)).findFirst().orElseThrow().comparison(), kernel));
    assertTrue(checks.stream().anyMatch(e -> e.kernel().equals("attention/01_naive, causal")),
        "attention is checked with the causal mask");
    MatrixEntry warptile = benchmarks.stream().filter(e -> e.kernel().equals(SpeedGoals.WARPTILE)).findFirst()
        .orElseThrow();
    assertArrayEquals(new int[] {4096, 4096, 4096}, warptile.sizes().get(2), "the speed goal's size is run");
    MatrixEntry flash = benchmarks.stream().filter(e -> e.kernel().equals(SpeedGoals.FLASH)).findFirst()
        .orElseThrow();
    assertTrue(flash.sizes().stream().anyMatch(s -> s[2] >= 4096), "attention runs at seq ≥ 4096");
  }

  @Test
  void everyBenchmarkAndCheckSizeLaunchesWithinCudasLimits() {
    for (Path file : library.allFiles()) {
      KernelSource source = KernelSource.load(file);
      ProblemFamily<?> family = source.header().check().family();
      for (boolean quick : new boolean[] {false, true}) {
        for (int[] size : family.benchSizes(quick)) {
          Map<String, Integer> sizes = family.named(size);
          assertEquals(family.sizeNames(), List.copyOf(sizes.keySet()), source.id());
          for (LaunchSpec spec : source.header().launches()) {
            assertNotNull(spec.evaluate(sizes), source.id() + " at " + sizes);
          }
        }
      }
      for (int[] size : family.gpuChecks()) {
        Map<String, Integer> sizes = family.named(size);
        source.header().launches().forEach(spec -> spec.evaluate(sizes));
      }
    }
  }

  @Test
  void aFileWhoseHeaderIsWrongBecomesAnErrorRowNotAMissingOne(@TempDir Path dir) throws Exception {
    Path family = Files.createDirectories(dir.resolve("broken"));
    Files.writeString(family.resolve("01_oops.cu"), "// @kp teaches: nothing\n// @kp check: matmul m n\n"
        + "extern \"C\" __global__ void oops() {}\n");
    List<MatrixEntry> entries = LibraryMatrix.checks(KernelLibrary.at(dir));
    assertEquals(1, entries.size());
    assertEquals("broken/01_oops", entries.get(0).kernel());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> entries.get(0).factory().create(null, entries.get(0).sizes().get(0), 1));
    assertTrue(e.getMessage().contains("01_oops.cu:2"), e.getMessage());
  }
}
