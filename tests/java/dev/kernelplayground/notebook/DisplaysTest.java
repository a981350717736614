package dev.kernelplayground.notebook;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.bench.CacheFlush;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.problem.MatmulProblem;
import dev.kernelplayground.run.KernelCase;
import dev.kernelplayground.run.Trial;
import dev.kernelplayground.run.TrialResult;
import java.util.Arrays;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

/** How a trial shows in a notebook. */
class DisplaysTest {
  @Test
  void aFailedTrialShowsItsErrorMapPictureOnce() {
    MatmulProblem p = MatmulProblem.random(40, 30, 20, 11);
    KernelCase zeros = KernelCase.wallClockTimed("zeros", p, out -> {
      Arrays.fill(out, 0f);
      return ExecutionTarget.javaThreads(1);
    }, 16, Precision.FP32);
    TrialResult trial = Trial.run(zeros, new BenchConfig(0, 1), CacheFlush.NONE);
    assertFalse(trial.passed());
    String html = (String) Displays.renderer().render(trial).getData(MIMEType.TEXT_HTML);
    assertEquals(1, html.split("data:image/png;base64,", -1).length - 1, "one error-map PNG, rendered once");
  }
}
