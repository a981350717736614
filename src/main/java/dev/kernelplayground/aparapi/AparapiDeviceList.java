package dev.kernelplayground.aparapi;

import com.aparapi.device.JavaDevice;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.opencl.OpenCLPlatform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The devices Aparapi can run Java kernels on: every OpenCL device of every platform, numbered
 * {@code opencl:0}, {@code opencl:1}, ... in platform order, then Java threads ({@link JavaWorkGroups}), {@code jtp}
 * (also accepted as {@code java}). A machine with no OpenCL library or no ICD simply lists no OpenCL
 * devices.
 */
public final class AparapiDeviceList {
  public static final String JTP = "jtp";
  public static final String JTP_NAME = "Java threads, one per work-item";

  private static volatile List<AparapiDevice> cached;

  private AparapiDeviceList() {}

  /** All devices, OpenCL ones first, Java threads (jtp) last. Discovered once per JVM. */
  public static List<AparapiDevice> list() {
    List<AparapiDevice> devices = cached;
    if (devices == null) {
      List<AparapiDevice> found = new ArrayList<>(discoverOpenCl());
      found.add(javaThreadPool());
      devices = cached = List.copyOf(found);
    }
    return devices;
  }

  /** Where Java kernels run when nobody chose: the first OpenCL device, else Java threads (jtp). */
  public static AparapiDevice defaultDevice() {
    List<AparapiDevice> cl = openCl();
    return cl.isEmpty() ? byId(JTP) : cl.get(0);
  }

  /** The OpenCL devices alone; empty where there is no OpenCL. */
  public static List<AparapiDevice> openCl() {
    return list().stream().filter(AparapiDevice::isOpenCl).toList();
  }

  /** The device named {@code id} ({@code opencl:N}, {@code jtp} or {@code java}). */
  public static AparapiDevice byId(String id) {
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    if (wanted.equals("java")) {
      wanted = JTP;
    }
    for (AparapiDevice d : list()) {
      if (d.id().equals(wanted)) {
        return d;
      }
    }
    String known = list().stream().map(AparapiDevice::id).collect(Collectors.joining(", "));
    String hint =
        openCl().isEmpty() && wanted.startsWith("opencl")
            ? " This machine has no OpenCL device (Debian: apt-get install pocl-opencl-icd"
                + " ocl-icd-libopencl1, then check with clinfo -l)."
            : "";
    throw new IllegalArgumentException(
        "no Aparapi device '" + id + "'; known devices: " + known + "." + hint);
  }

  private static List<AparapiDevice> discoverOpenCl() {
    List<AparapiDevice> devices = new ArrayList<>();
    List<OpenCLPlatform> platforms;
    try {
      platforms = OpenCLPlatform.getUncachedOpenCLPlatforms();
    } catch (RuntimeException | LinkageError noOpenCl) {
      return devices; // no libOpenCL, no ICD, or Aparapi's native library would not load
    }
    for (OpenCLPlatform platform : platforms) {
      for (OpenCLDevice d : platform.getOpenCLDevices()) {
        devices.add(
            new AparapiDevice(
                "opencl:" + devices.size(),
                d.getName(),
                platform.getVendor(),
                String.valueOf(d.getType()),
                d.getMaxComputeUnits(),
                d.getLocalMemSize(),
                d.getMaxWorkGroupSize(),
                d.getGlobalMemSize(),
                d));
      }
    }
    return devices;
  }

  private static AparapiDevice javaThreadPool() {
    return new AparapiDevice(
        JTP,
        JTP_NAME,
        "Java",
        "JTP",
        Runtime.getRuntime().availableProcessors(),
        0,
        0,
        0,
        JavaDevice.THREAD_POOL);
  }
}
