package dev.kernelplayground.device;

/** The four places a kernel can run; see DESIGN.md's backend table. */
public enum Backend {
  /** Raw CUDA C through JCuda, and Java kernels through Aparapi on NVIDIA OpenCL. */
  CUDA("cuda", true),
  /** Java kernels through Aparapi on any OpenCL device (PoCL on the CPU in CI). */
  OPENCL("opencl", false),
  /** Raw CUDA C compiled against the project's emulation header and run on the CPU. */
  EMULATOR("emulator", false),
  /** Java kernels on Java threads, and the plain Java references. */
  JAVA("java", false);

  private final String id;
  private final boolean gpu;

  Backend(String id, boolean gpu) {
    this.id = id;
    this.gpu = gpu;
  }

  public String id() {
    return id;
  }

  /** True only where timings may be compared with a GPU's peaks. */
  public boolean isGpu() {
    return gpu;
  }
}
