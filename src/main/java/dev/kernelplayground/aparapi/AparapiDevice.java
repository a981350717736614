package dev.kernelplayground.aparapi;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;

/**
 * A place where Aparapi can run a Java kernel: an OpenCL device or Java threads (jtp).
 *
 * @param id how the user names it: {@code opencl:0}, {@code opencl:1}, ..., or {@code jtp}
 * @param name the device's name, e.g. "pthread-haswell-AMD EPYC 7B13" (PoCL on the CPU)
 * @param vendor the OpenCL platform's vendor ("Java" for the thread pool)
 * @param type GPU, CPU, ACC or JTP
 * @param computeUnits OpenCL compute units (the thread pool's: the CPU's cores)
 * @param localMemoryBytes OpenCL local memory per work-group (0 for the thread pool)
 * @param maxWorkGroupSize the largest work-group the device runs (0 where it has no such limit)
 * @param globalMemoryBytes the device's global memory (0 for the thread pool: the Java heap)
 * @param device Aparapi's handle
 */
public record AparapiDevice(
    String id,
    String name,
    String vendor,
    String type,
    int computeUnits,
    long localMemoryBytes,
    int maxWorkGroupSize,
    long globalMemoryBytes,
    Device device) {

  public boolean isOpenCl() {
    return device instanceof OpenCLDevice;
  }

  /** One line for a device list. */
  public String describe() {
    return isOpenCl()
        ? String.format(
            "%-9s %s (%s, %s): %d compute units, %d KiB local memory",
            id, name, vendor, type, computeUnits, localMemoryBytes / 1024)
        : String.format("%-9s %s: %d cores", id, name, computeUnits);
  }
}
