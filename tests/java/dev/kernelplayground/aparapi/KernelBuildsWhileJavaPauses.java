package dev.kernelplayground.aparapi;

import com.aparapi.device.OpenCLDevice;
import dev.kernelplayground.lessonkernels.vector.VectorAddKernel;
import dev.kernelplayground.process.SignalChaining;

/**
 * A child JVM for {@link KernelBuildsWhileJavaPausesTest}: builds a lesson kernel for PoCL again and again (a new
 * instance is a new build) while one Java thread spins in a compiled loop and another pauses all threads every
 * millisecond, as the JIT, the collector and JShell's warm-up do in a notebook. Prints
 * {@code chained=BOOL builds=N failed=F} and the first failure's message.
 */
public final class KernelBuildsWhileJavaPauses {
  private KernelBuildsWhileJavaPauses() {}

  public static void main(String[] args) {
    int builds = Integer.parseInt(args[0]);
    Thread.ofPlatform().daemon().name("spin").start(() -> {
      long s = 1;
      while (s != 0) { // a compiled loop: it meets each pause at its safepoint poll, a read of a protected page
        s = s * 6364136223846793005L + 1442695040888963407L;
      }
    });
    Thread.ofPlatform().daemon().name("pause").start(() -> {
      while (true) {
        Thread.getAllStackTraces(); // brings every thread to a safepoint
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    OpenCLDevice device = (OpenCLDevice) AparapiDeviceList.byId("opencl:0").device();
    int failed = 0;
    String first = null;
    for (int i = 0; i < builds; i++) {
      try {
        Translation.requireTranslatable(new VectorAddKernel(new float[8], new float[8], new float[8]), device);
      } catch (UntranslatableKernelException e) {
        failed++;
        first = first == null ? e.getMessage() : first;
      }
    }
    System.out.println("chained=" + SignalChaining.loaded() + " builds=" + builds + " failed=" + failed);
    if (first != null) {
      System.out.println("first failure: " + first);
    }
  }
}
