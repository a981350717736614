package dev.kernelplayground.aparapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.exception.AparapiKernelFailedException;
import dev.kernelplayground.problem.RandomInputs;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Kernels on the Java thread pool ({@link JavaWorkGroups}): barrier kernels finish every time, each group
 * sees its own local data, no threads stay behind, and a failing work-item or a barrier that not every
 * work-item reaches ends the run with a message instead of a hang.
 */
class JavaWorkGroupsTest {
  private static final AparapiDevice JTP = AparapiDeviceList.byId("jtp");
  private static final int KERNELS = 40;

  @Test
  void barrierKernelsFinishSeeTheirOwnGroupsLocalDataAndLeaveNoThreadsBehind() {
    long seed = RandomInputs.newSeed();
    Random random = new Random(seed);
    int before = ManagementFactory.getThreadMXBean().getThreadCount();
    assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
      for (int k = 0; k < KERNELS; k++) {
        int n = 1 + random.nextInt(5 * GroupReverseKernel.GROUP); // odd sizes: a partial last group
        float[] in = new float[n];
        for (int i = 0; i < n; i++) {
          in[i] = random.nextFloat();
        }
        float[] out = new float[n];
        AparapiRunner.run(new GroupReverseKernel(in, out), Grid.oneD(n, GroupReverseKernel.GROUP), JTP);
        for (int i = 0; i < n; i++) {
          int from = i / GroupReverseKernel.GROUP * GroupReverseKernel.GROUP + GroupReverseKernel.GROUP - 1
              - i % GroupReverseKernel.GROUP;
          assertEquals(from < n ? in[from] : 0f, out[i], "item " + i + " of " + n + ", seed " + seed);
        }
      }
    }, "seed " + seed);
    int after = ManagementFactory.getThreadMXBean().getThreadCount();
    assertTrue(after < before + GroupReverseKernel.GROUP,
        KERNELS + " kernels of " + GroupReverseKernel.GROUP + "-item groups left " + (after - before)
            + " threads behind (seed " + seed + ")");
  }

  @Test
  void aFailingWorkItemIsNamedAndTheOthersStopWaitingForIt() {
    float[] out = new float[200];
    var e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(AparapiKernelFailedException.class,
        () -> AparapiRunner.run(new FailingWorkItemKernel(out), Grid.oneD(200, 50), JTP)));
    assertTrue(e.getMessage().contains(FailingWorkItemKernel.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains("work-item (49, 0) of work-group (3, 0), global id (199, 0)"), e.getMessage());
    assertInstanceOf(ArrayIndexOutOfBoundsException.class, e.getCause());
    assertTrue(Arrays.stream(e.getCause().getStackTrace())
        .anyMatch(f -> f.getClassName().equals(FailingWorkItemKernel.class.getName())), "the kernel's line is kept");
  }

  @Test
  void aBarrierThatNotEveryWorkItemReachesIsNamedInsteadOfHanging() {
    float[] out = new float[128];
    var e = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> assertThrows(RuntimeException.class,
            () -> AparapiRunner.run(new DivergentBarrierKernel(out), Grid.oneD(128, 64), JTP)));
    assertTrue(e.getMessage().contains(DivergentBarrierKernel.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains("54 of the work-group's 64 work-items finished while 10 wait at localBarrier()"),
        e.getMessage());
  }
}
