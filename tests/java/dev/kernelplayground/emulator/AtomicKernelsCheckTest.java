package dev.kernelplayground.emulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.cudasource.BoundKernel;
import dev.kernelplayground.cudasource.KernelLibrary;
import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.run.Trial;
import dev.kernelplayground.run.TrialResult;
import dev.kernelplayground.testing.Runtimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dot and histogram checks catch the mistakes of kernels that accumulate with atomics (the right kernels
 * pass in KernelLibraryOnEmulatorTest): a sum into an output nobody zeroed, and a privatised histogram flushed
 * by plain stores, which keeps only one block's counts — on spread values and on the one-bin input.
 */
class AtomicKernelsCheckTest {
  private static final EmulatorBackend EMULATOR = new EmulatorBackend(EmulatedModule.DEFAULT_TIMEOUT);

  @TempDir Path dir;

  @BeforeEach
  void needsACompiler() {
    Runtimes.assume(Runtimes.CXX, Emulator.available(), "the CUDA emulator needs g++ or clang++ on PATH");
  }

  @Test
  void aDotProductAddedIntoAnOutputNobodyZeroedFails() throws Exception {
    String unzeroed = plant("dot/02_block_atomic.cu", """
        // @kp kernel:  dot_block_atomic_zero
        // @kp args:    float* out, int count = 1
        // @kp grid:    1, 1, 1
        // @kp block:   32, 1, 1
        // @kp smem:    0
        //
        """, "");
    TrialResult r = run(unzeroed, Map.of("n", 100_003));
    assertFalse(r.passed(), "atomics into the NaN-filled output passed");
  }

  @Test
  void aPrivatisedHistogramFlushedByStoresFailsOnSpreadAndOneBinInputs() throws Exception {
    String stored = plant("histogram/02_shared_privatized.cu", "if (counts[b] > 0) atomicAdd(&out[b], (float)counts[b]);",
        "out[b] = (float)counts[b];");
    for (int oneBin : new int[] {0, 1}) {
      TrialResult r = run(stored, Map.of("n", 100_003, "bins", 256, "one_bin", oneBin));
      assertFalse(r.passed(), "a flush by store passed at one_bin = " + oneBin);
      assertTrue(r.check().wrongValues() > 0, r.check().findings().toString());
    }
  }

  /** The library file with {@code bug} in place of {@code right}, written to a temporary folder. */
  private String plant(String file, String right, String bug) throws Exception {
    String text = Files.readString(KernelLibrary.find().root().resolve(file));
    String planted = text.replace(right, bug);
    assertFalse(planted.equals(text), "the planted bug is in place in " + file);
    return planted.replace("#include \"../common.cuh\"", "#include \"" + KernelLibrary.find().root().resolve("common.cuh") + "\"");
  }

  private TrialResult run(String text, Map<String, Integer> sizes) throws Exception {
    Path file = Files.writeString(dir.resolve("planted-" + System.nanoTime() + ".cu"), text);
    long seed = RandomInputs.newSeed();
    BoundKernel bound = BoundKernel.bind(KernelSource.load(file), sizes, seed);
    return Trial.run(EMULATOR.prepare(bound), new BenchConfig(0, 1), EMULATOR.cacheFlush());
  }
}
