package dev.kernelplayground.aparapi;

import dev.kernelplayground.testing.Runtimes;

/** The OpenCL gate for this package's tests: skips without an OpenCL device, fails in CI. */
final class OpenCl {
  private OpenCl() {}

  static AparapiDevice firstDevice() {
    Runtimes.assume(
        Runtimes.OPENCL,
        !AparapiDevices.openCl().isEmpty(),
        "Aparapi found no OpenCL device (Debian: apt-get install pocl-opencl-icd ocl-icd-libopencl1)");
    return AparapiDevices.byId("opencl:0");
  }
}
