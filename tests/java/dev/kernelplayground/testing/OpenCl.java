package dev.kernelplayground.testing;

import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.aparapi.AparapiDeviceList;

/** The OpenCL gate for tests: skips without an OpenCL device, fails in CI. */
public final class OpenCl {
  private OpenCl() {}

  public static AparapiDevice firstDevice() {
    Runtimes.assume(
        Runtimes.OPENCL,
        !AparapiDeviceList.openCl().isEmpty(),
        "Aparapi found no OpenCL device (Debian: apt-get install pocl-opencl-icd ocl-icd-libopencl1)");
    return AparapiDeviceList.byId("opencl:0");
  }
}
