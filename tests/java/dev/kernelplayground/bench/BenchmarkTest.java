package dev.kernelplayground.bench;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.device.Backend;
import dev.kernelplayground.device.ExecutionTarget;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BenchmarkTest {
  private static final ExecutionTarget CPU = ExecutionTarget.javaThreads(2);

  @Test
  void statisticsComeFromTheSamples() {
    Timing t = new Timing("k", CPU, new Workload(2e9, 4e9), new double[] {0.3, 0.1, 0.2, 0.4});
    assertEquals(0.25, t.median(), 1e-12);
    assertEquals(0.1, t.min());
    assertEquals(0.4, t.max());
    assertEquals(8.0, t.gflops(), 1e-9);
    assertEquals(16.0, t.gigabytesPerSecond(), 1e-9);
  }

  @Test
  void warmupsAreNotTimedAndTheFlushPrecedesEveryTimedRun() {
    AtomicInteger runs = new AtomicInteger();
    AtomicInteger flushes = new AtomicInteger();
    Timing t =
        Benchmark.measure(
            "k",
            new Workload(1, 1),
            new float[1],
            out -> {
              runs.incrementAndGet();
              return new TimedLaunch.Sample(CPU, 1e-3 * runs.get());
            },
            flushes::incrementAndGet,
            new BenchConfig(3, 5));
    assertEquals(8, runs.get());
    assertEquals(5, flushes.get());
    assertArrayEquals(new double[] {4e-3, 5e-3, 6e-3, 7e-3, 8e-3}, t.seconds(), 1e-15);
    assertEquals(CPU, t.target());
  }

  @Test
  void runsThatLandOnDifferentDevicesAreRefused() {
    AtomicInteger runs = new AtomicInteger();
    ExecutionTarget gpu = new ExecutionTarget(Backend.OPENCL, "some GPU", true);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                Benchmark.measure(
                    "fickle",
                    new Workload(1, 1),
                    new float[1],
                    out -> new TimedLaunch.Sample(runs.incrementAndGet() < 3 ? gpu : CPU, 1e-3),
                    CacheFlush.NONE,
                    new BenchConfig(1, 5)));
    assertTrue(e.getMessage().contains("fickle ran on opencl · some GPU and then on java"), e.getMessage());
  }

  @Test
  void nonsenseConfigIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new BenchConfig(0, 0));
    assertThrows(IllegalArgumentException.class, () -> new Workload(-1, 0));
  }
}
