package dev.kernelplayground.aparapi;

import com.aparapi.Config;
import com.aparapi.Kernel;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.kernel.KernelManager;
import dev.kernelplayground.device.Backend;
import dev.kernelplayground.device.ExecutionTarget;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
        kernel.execute(grid.toRange(device.device()));
      } finally {
        log.removeHandler(capture);
      }
      return where(kernel, device, warnings);
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
