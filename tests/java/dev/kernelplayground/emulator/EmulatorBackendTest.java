package dev.kernelplayground.emulator;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.bench.Clock;
import dev.kernelplayground.bench.TimedLaunch;
import dev.kernelplayground.check.Tile;
import dev.kernelplayground.cudasource.BoundKernel;
import dev.kernelplayground.cudasource.KernelLibrary;
import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.run.KernelCase;
import dev.kernelplayground.run.Trial;
import dev.kernelplayground.run.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator as a CUDA C backend: each source compiled once, timed runs that report the kernel time the child
 * process measured (not its start or the buffer files), and checks that use the header's output tile.
 */
class EmulatorBackendTest {
  private final EmulatorBackend emulator = new EmulatorBackend(EmulatorFixtures.TIMEOUT);

  @BeforeEach
  void needsCompiler() {
    EmulatorFixtures.assumeCompiler();
  }

  private static KernelSource library(String file) {
    return KernelSource.load(KernelLibrary.find().root().resolve(file));
  }

  @Test
  void aSourceIsCompiledOnceAndKeptForTheSameText(@TempDir Path dir) throws Exception {
    KernelSource vector = library("vector_add/01_vector_add.cu");
    Path copy = dir.resolve("cell.cu");
    Files.writeString(copy, vector.text());
    EmulatedModule first = emulator.compile(copy, vector.text());
    assertSame(first, emulator.compile(copy, vector.text()), "the same text is not compiled again");
    KernelCase c = emulator.prepare(BoundKernel.bind(KernelSource.of(copy, vector.text()), Map.of("n", 1000), 7));
    assertNotNull(c);
    assertSame(first, emulator.compile(copy, vector.text()), "preparing a bound kernel reuses the module");
    String edited = vector.text() + "\n// an edit\n";
    assertNotSame(first, emulator.compile(copy, edited), "a changed cell is compiled again");
  }

  @Test
  void aTimedRunIsTheKernelTimeTheEmulatorMeasuredNotTheProcessAround() {
    KernelCase c = emulator.prepare(BoundKernel.bind(library("vector_add/01_vector_add.cu"), Map.of("n", 1000), 7));
    float[] out = new float[1000];
    long start = System.nanoTime();
    TimedLaunch.Sample sample = c.timer().run(out);
    double wall = (System.nanoTime() - start) * 1e-9;
    assertEquals(Clock.EMULATOR_KERNEL, sample.clock());
    assertFalse(sample.target().gpu(), "a CPU timing");
    assertTrue(sample.seconds() > 0 && sample.seconds() < wall,
        "kernel " + sample.seconds() + " s within the launch's " + wall + " s (process start and files excluded)");
  }

  @Test
  void anEdgeBugIsNamedWithTheKernelsOwnTile(@TempDir Path dir) throws Exception {
    KernelSource tiled = library("matmul/03_shared_tiled.cu");
    String store = "    out[(size_t)row * n + col] = sum;";
    assertTrue(tiled.text().contains(store), "the planted bug needs 03's store line");
    Path buggy = dir.resolve("03_right_edge_bug.cu");
    String text = tiled.text().replace(store, "    out[(size_t)row * n + col] = col < n / TILE * TILE ? sum : 0.0f;");
    Files.writeString(buggy, text);
    BoundKernel bound = BoundKernel.bind(KernelSource.of(buggy, text), Map.of("m", 70, "n", 257, "k", 33), 5);
    assertEquals(new Tile(32, 32), bound.outputTile());
    TrialResult r = Trial.run(emulator.prepare(bound), new BenchConfig(0, 1), emulator.cacheFlush());
    assertFalse(r.passed());
    assertEquals(new Tile(32, 32), r.check().errorMap().tile(), "the error map's cells are the kernel's 32 × 32 tiles");
    assertNotNull(r.check().edgeHint(), r.check().findings().toString());
    assertTrue(r.check().edgeHint().contains("the last 1 columns (col ≥ 256)")
        && r.check().edgeHint().endsWith("multiple of its tile (32)"), r.check().edgeHint());
  }
}
