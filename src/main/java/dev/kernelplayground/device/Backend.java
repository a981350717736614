package dev.kernelplayground.device;

import java.util.Locale;

/**
 * The four places a kernel can run. Whether a timing may be put next to a GPU's peaks is the device's to say
 * ({@link ExecutionTarget#gpu()}), not the backend's: OpenCL runs on CPUs (PoCL) and GPUs alike.
 */
public enum Backend {
  /** Raw CUDA C through JCuda, and Java kernels through Aparapi on NVIDIA OpenCL. */
  CUDA,
  /** Java kernels through Aparapi on any OpenCL device (PoCL on the CPU in CI). */
  OPENCL,
  /** Raw CUDA C compiled against the project's emulation header and run on the CPU. */
  EMULATOR,
  /** Java kernels on Java threads, and the plain Java references. */
  JAVA;

  /** The name users type and read: the constant's name in lower case, "cuda", "opencl", "emulator", "java". */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
