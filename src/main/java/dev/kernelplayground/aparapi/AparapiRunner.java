package dev.kernelplayground.aparapi;

import com.aparapi.Config;
import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.kernel.KernelManager;
import dev.kernelplayground.device.Backend;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.process.Futures;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Runs an Aparapi kernel on exactly the device asked for, and says where it really ran.
 *
 * <p>Aparapi, left alone, falls back to its Java thread pool without a word when a kernel does not
 * translate to OpenCL — a thousand times slower, and still labelled a "GPU kernel". Here: the device is
 * forced with {@link KernelManager#setPreferredDevices} (a {@code Range} made for a device does not force
 * it); an OpenCL run is preceded by a translation check that turns Aparapi's complaint into a plain-words
 * error; and after the run the kernel's failed devices and target device are compared with the one asked
 * for, so a fallback is an error, never an OpenCL result.
 */
public final class AparapiRunner {
  private AparapiRunner() {}

  /**
   * Runs {@code kernel} once over {@code grid} on {@code device}; returns where it really executed.
   *
   * <p>On the Java thread pool the kernel runs on {@link JavaWorkGroups}, not on Aparapi's own thread pool.
   * On OpenCL, Aparapi keeps its device preferences per kernel CLASS, and checks them when it compiles as well as
   * when it runs: so the device is set first, and runs of one class are serialized, so that two threads
   * running the same kernel class on different devices cannot swap each other's choice.
   */
  public static ExecutionTarget run(Kernel asGiven, Grid grid, AparapiDevice device) {
    if (!device.isOpenCl()) {
      JavaWorkGroups.run(asGiven, grid);
      return new ExecutionTarget(Backend.JAVA, AparapiDeviceList.JTP_NAME, false);
    }
    refuseWhileStillRunning(); // before anything that talks to OpenCL: that would wait behind the kernel too
    Kernel kernel = NotebookKernels.translatable(asGiven);
    synchronized (kernel.getClass()) {
      KernelManager.instance().setPreferredDevices(kernel, new LinkedHashSet<>(List.of(device.device())));
      OpenCLDevice cl = (OpenCLDevice) device.device();
      LocalMemory.require(kernel, device);
      Translation.requireTranslatable(kernel, cl);
      List<String> warnings = new ArrayList<>();
      Handler capture = capture(warnings);
      Logger log = Logger.getLogger(Config.getLoggerName());
      log.addHandler(capture);
      try {
        executeStoppably(kernel, grid.toRange(device.device()), device);
      } finally {
        log.removeHandler(capture);
      }
      return where(kernel, device, warnings);
    }
  }

  private static void refuseWhileStillRunning() {
    String busy = stillRunning;
    if (busy != null) {
      throw new KernelStillRunningException("OpenCL is still running " + busy + ", stopped earlier in this session: "
          + "OpenCL cannot cancel a kernel once it has started, so no other kernel can run there until the kernel "
          + "restarts (Kernel > Restart; the notebook's variables are lost). Java kernels still run on the Java thread pool: Playground.use(\"jtp\").");
    }
  }

  /** What an abandoned launch left running on OpenCL (a kernel and its device), or null. */
  private static volatile String stillRunning;

  /**
   * Runs the launch on a thread of its own and waits for it, so that a stop request (the notebook's interrupt,
   * which interrupts the cell's thread) ends the wait. OpenCL cannot cancel a kernel that has started: one that
   * never ends (a loop whose condition stays true) keeps running on the device, on PoCL all the CPU's cores, until
   * the JVM exits. So the learner is told that, the launch is abandoned, and later OpenCL launches in this JVM are
   * refused with the same words instead of queueing behind it forever.
   */
  private static void executeStoppably(Kernel kernel, Range range, AparapiDevice device) {
    FutureTask<Void> launch = new FutureTask<>(() -> {
      kernel.execute(range);
      return null;
    });
    Thread.ofPlatform().daemon().name("kp-opencl-launch").start(launch);
    try {
      Futures.await(launch);
    } catch (InterruptedException stop) {
      // a class a notebook cell declared is JShell's $JShell$N$Name: the learner wrote Name
      String what = "kernel " + kernel.getClass().getSimpleName().replaceFirst("^\\$JShell\\$\\d+\\$", "") + " on "
          + device.id() + " (" + device.name() + ")";
      stillRunning = what;
      Thread.currentThread().interrupt();
      throw new KernelStillRunningException("stopped on request while " + what + " was running: OpenCL cannot cancel a "
          + "kernel once it has started, so it goes on running there (on a CPU device, on every core) until the "
          + "kernel restarts (Kernel > Restart; the notebook's variables are lost). A loop whose condition never "
          + "becomes false? Until then OpenCL launches are refused; Java kernels still run on the Java thread pool: Playground.use(\"jtp\").");
    }
  }

  private static ExecutionTarget where(Kernel kernel, AparapiDevice asked, List<String> warnings) {
    List<Device> failed = KernelManager.instance().getPreferences(kernel).getFailedDevices();
    Device target = kernel.getTargetDevice();
    boolean ranThere = !failed.contains(asked.device()) && asked.device().equals(target);
    if (!ranThere) {
      throw new FellBackException(
          "kernel " + kernel.getClass().getName() + " was asked to run on " + asked.id() + " ("
              + asked.name() + ") but Aparapi did not run it there"
              + (target == null ? "" : " (it ran on " + target.getShortDescription() + ")")
              + "; its output is not an " + asked.id() + " result."
              + (warnings.isEmpty() ? "" : " Aparapi said: " + String.join(" | ", warnings)));
    }
    return new ExecutionTarget(Backend.OPENCL, asked.name(), asked.type().equals("GPU"));
  }

  private static Handler capture(List<String> into) {
    return new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (r.getLevel().intValue() >= Level.WARNING.intValue() && r.getMessage() != null) {
          synchronized (into) {
            into.add(r.getMessage());
          }
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }
}
