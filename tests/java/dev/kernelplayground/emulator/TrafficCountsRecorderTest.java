package dev.kernelplayground.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.profile.TrafficCounts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The counts the GPU bundle carries, recorded by real emulator runs of two kernels/ files and read back: the
 * compulsory bytes, FLOPs and blocks by hand.
 */
class TrafficCountsRecorderTest {
  private static final long SEED = RandomInputs.newSeed();

  @BeforeEach
  void needsCompiler() {
    EmulatorFixtures.assumeCompiler();
  }

  @Test
  void aCopyAndATiledMatmulAreCountedAtTheirFamiliesSmallestBenchSize(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    TrafficCounts counts = TrafficCountsRecorder.record(
        List.of(Path.of("kernels/copy/01_copy.cu"), Path.of("kernels/matmul/03_shared_tiled.cu")), SEED,
        new PrintStream(progress, true));
    Path file = dir.resolve(TrafficCounts.FILE_NAME);
    counts.write(file);
    TrafficCounts read = TrafficCounts.read(file);
    String why = "seed " + SEED + "\n" + progress;
    assertEquals(SEED, read.seed());
    assertEquals(2, read.rows().size(), why);

    TrafficCounts.Row copy = read.rows().get(0);
    assertEquals("copy/01_copy", copy.file());
    int n = 1 << 20;
    assertArrayEquals(new int[] {n}, copy.size());
    TrafficCounts.KernelCounts c = copy.kernels().get(0);
    assertEquals(4L * n, c.bytesRead(), why);
    assertEquals(4L * n, c.bytesWritten(), why);
    assertEquals(2 * 4L * n / 128, c.l1Lines(), why); // float4 accesses, whole lines: one per 128 bytes read or written
    assertEquals(0, c.sharedWavefronts());
    assertEquals(n / 1024, c.blocks(), "grid cdiv(n, 1024)");

    TrafficCounts.Row matmul = read.rows().get(1);
    assertEquals("matmul/03_shared_tiled", matmul.file());
    assertArrayEquals(new int[] {256, 256, 256}, matmul.size());
    TrafficCounts.KernelCounts m = matmul.kernels().get(0);
    assertEquals(4L * (256 * 256 + 256 * 256), m.bytesRead(), why);
    assertEquals(4L * 256 * 256, m.bytesWritten(), why);
    assertEquals(2.0 * 256 * 256 * 256, m.fp32Flops(), why);
    assertEquals((256 / 32) * (256 / 32), m.blocks(), "grid cdiv(n, 32) × cdiv(m, 32)");
    assertEquals(counts.rows().get(1).kernels(), matmul.kernels(), "the file reads back what was written");
  }
}
