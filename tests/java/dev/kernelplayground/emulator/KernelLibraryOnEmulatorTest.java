package dev.kernelplayground.emulator;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.bench.Clock;
import dev.kernelplayground.cudasource.BoundKernel;
import dev.kernelplayground.cudasource.KernelLibrary;
import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.device.Backend;
import dev.kernelplayground.problem.ProblemFamily;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.run.Trial;
import dev.kernelplayground.run.TrialResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kernel of the kernels/ library on the emulator, through the same binding and the same trial as on a
 * GPU: its check's problem at its family's odd emulator shapes (none a multiple of a tile, a warp or a
 * block; small enough for a CPU), two fresh seeds each (printed on failure), checked, run again and
 * re-checked.
 */
class KernelLibraryOnEmulatorTest {
  private static final BenchConfig ONCE_MORE = new BenchConfig(0, 1);

  /** One backend for all: each file is compiled once. */
  private static final EmulatorBackend EMULATOR = new EmulatorBackend(Duration.ofSeconds(60));

  static Stream<Arguments> kernels() {
    EmulatorFixtures.assumeCompiler();
    return KernelLibrary.at(Path.of(KernelLibrary.FOLDER)).all().stream()
        .flatMap(k -> {
          ProblemFamily<?> family = k.header().check().family();
          return family.tests().emulator().stream().map(sizes -> Arguments.of(k.id(), family.named(sizes), k));
        });
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
