package dev.kernelplayground.emulator;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.bench.Clock;
import dev.kernelplayground.cudasource.BoundKernel;
import dev.kernelplayground.cudasource.KernelLibrary;
import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.device.Backend;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.run.Trial;
import dev.kernelplayground.run.TrialResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kernel of the kernels/ library on the emulator, through the same binding and the same trial as on a
 * GPU: its check's problem at odd shapes (none a multiple of a tile, a warp or a block), two fresh seeds
 * each (printed on failure), checked, run again and re-checked.
 */
class KernelLibraryOnEmulatorTest {
  private static final BenchConfig ONCE_MORE = new BenchConfig(0, 1);

  /** One backend for all: each file is compiled once. */
  private static final EmulatorBackend EMULATOR = new EmulatorBackend(Duration.ofSeconds(60));

  /** Small odd shapes per check: big enough to cross tile edges, small enough for a CPU. */
  private static final Map<String, List<Map<String, Integer>>> SHAPES =
      Map.of(
          "vector_add", List.of(Map.of("n", 100_003)),
          "copy", List.of(Map.of("n", 100_003), Map.of("n", 7)),
          "matmul", List.of(Map.of("m", 67, "n", 45, "k", 33), Map.of("m", 130, "n", 131, "k", 17)),
          "matmul_fp16", List.of(Map.of("m", 67, "n", 45, "k", 33)),
          "softmax", List.of(Map.of("rows", 37, "cols", 1031), Map.of("rows", 3, "cols", 31)),
          "attention",
              List.of(
                  Map.of("batch", 1, "heads", 2, "seq", 67, "dim", 64, "causal", 0),
                  Map.of("batch", 2, "heads", 1, "seq", 45, "dim", 24, "causal", 1)),
          "attention_fp16", List.of(Map.of("batch", 1, "heads", 2, "seq", 67, "dim", 64, "causal", 1)));

  static Stream<Arguments> kernels() {
    EmulatorFixtures.assumeCompiler();
    return KernelLibrary.at(Path.of(KernelLibrary.FOLDER)).all().stream()
        .flatMap(k -> SHAPES.getOrDefault(k.header().check().label(), List.of()).stream()
            .map(sizes -> Arguments.of(k.id(), sizes, k)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("kernels")
  void passesItsReferenceCheckOnTheEmulator(String id, Map<String, Integer> sizes, KernelSource source) {
    for (int s = 0; s < 2; s++) {
      long seed = RandomInputs.newSeed();
      BoundKernel bound = BoundKernel.bind(source, sizes, seed);
      TrialResult r = Trial.run(EMULATOR.prepare(bound), ONCE_MORE, EMULATOR.cacheFlush());
      assertTrue(r.passed(), id + " " + sizes + ", seed " + seed + ": " + r.check().findings()
          + (r.recheck() == null ? "" : " / " + r.recheck().findings()));
      assertEquals(Backend.EMULATOR, r.timing().target().backend());
      assertEquals(Clock.EMULATOR_KERNEL, r.timing().clock());
    }
  }
}
