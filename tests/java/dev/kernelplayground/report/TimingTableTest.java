package dev.kernelplayground.report;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.ada.AdaGpus;
import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.bench.Timing;
import dev.kernelplayground.check.Checker;
import dev.kernelplayground.check.CheckReport;
import dev.kernelplayground.device.Backend;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.problem.VectorAddProblem;
import dev.kernelplayground.run.KernelCase;
import dev.kernelplayground.run.TrialResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A GPU timing is shown against the roofline; a CPU timing never is. */
class TimingTableTest {
  static TrialResult timed(ExecutionTarget where, double seconds) {
    VectorAddProblem p = VectorAddProblem.random(1_000_000, 5);
    KernelCase c = KernelCase.wallClockTimed("vector_add", p, out -> where, 1, Precision.FP32);
    float[] out = new float[p.outputSize()];
    CheckReport check =
        Checker.run("vector_add", 5, p.expected(), p.inputs(), out,
            o -> { for (int i = 0; i < o.length; i++) o[i] = p.a()[i] + p.b()[i]; return where; }, 1);
    return new TrialResult(c, check, new Timing("vector_add", where, p.workload(), new double[] {seconds}), check);
  }

  @Test
  void gpuTimingIsAPercentageOfTheRoofline() {
    // 12 MB in 23.8 µs is 504 GB/s: half of the RTX 4090's 1008 GB/s
    ExecutionTarget gpu = new ExecutionTarget(Backend.CUDA, "GeForce RTX 4090", true);
    String table = TimingTable.text(List.of(timed(gpu, 12e6 / 504e9)), AdaGpus.RTX_4090);
    assertTrue(table.contains("50% of GeForce RTX 4090"), table);
  }

  @Test
  void cpuTimingIsNeverAPercentageOfAGpuPeak() {
    String table = TimingTable.text(List.of(timed(ExecutionTarget.javaThreads(2), 1e-3)), AdaGpus.RTX_4090);
    assertTrue(table.contains("CPU timing: not a GPU figure"), table);
    assertFalse(table.contains("%"), table);
  }
}
