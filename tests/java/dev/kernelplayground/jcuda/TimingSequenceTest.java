package dev.kernelplayground.jcuda;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.bench.Benchmark;
import dev.kernelplayground.bench.Clock;
import dev.kernelplayground.bench.TimedLaunch;
import dev.kernelplayground.bench.Timing;
import dev.kernelplayground.bench.Workload;
import dev.kernelplayground.device.Backend;
import dev.kernelplayground.device.ExecutionTarget;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import org.junit.jupiter.api.Test;

/**
 * The order of the driver calls in a timed repeat, through the real benchmark loop, the real L2 flush and the
 * real event timer, with the driver calls recorded by a fake: the flush and the hold kernel are enqueued, the
 * start event follows with no host synchronize in between, and the host waits once, after the stop event. Runs
 * without a GPU.
 */
class TimingSequenceTest {
  /** Records every call; the elapsed time is 2 ms. */
  static final class RecordingCalls implements StreamCalls {
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final CUevent start;

    RecordingCalls(CUevent start) {
      this.start = start;
    }

    @Override
    public void fill(CUdeviceptr pointer, byte value, long bytes, String what) {
      log.add("fill " + bytes + " bytes with " + value);
    }

    @Override
    public void hold() {
      log.add("hold");
    }

    @Override
    public void record(CUevent event) {
      log.add(event == start ? "record start" : "record stop");
    }

    @Override
    public void synchronize(String after) {
      log.add("synchronize after " + after);
    }

    @Override
    public float elapsedMs(CUevent a, CUevent b) {
      log.add("elapsed");
      return 2f;
    }
  }

  @Test
  void theFlushAndTheHoldAreEnqueuedAndTheStartEventFollowsWithNoHostWaitInBetween() {
    CUevent start = new CUevent();
    RecordingCalls calls = new RecordingCalls(start);
    L2Flush flush = new L2Flush(calls, new CUdeviceptr(), 128L << 20);
    EventTimer timer = new EventTimer(calls, start, new CUevent());
    ExecutionTarget gpu = new ExecutionTarget(Backend.CUDA, "fake GPU", true);
    TimedLaunch launch = out -> new TimedLaunch.Sample(
        gpu, timer.seconds("k", () -> calls.log.add("launch k")), Clock.CUDA_EVENTS);

    Timing timing = Benchmark.measure("k", new Workload(1, 1), new float[1], launch, flush, new BenchConfig(1, 2));

    List<String> repeat0 = List.of("fill 134217728 bytes with 0", "hold", "record start", "launch k", "record stop",
        "synchronize after k", "elapsed");
    List<String> repeat1 = List.of("fill 134217728 bytes with 1", "hold", "record start", "launch k", "record stop",
        "synchronize after k", "elapsed");
    List<String> warmup = List.of("record start", "launch k", "record stop", "synchronize after k", "elapsed");
    List<String> expected = new ArrayList<>(warmup);
    expected.addAll(repeat0);
    expected.addAll(repeat1);
    assertEquals(expected, calls.log);
    assertEquals(0.002, timing.seconds()[0], 1e-12);
  }
}
