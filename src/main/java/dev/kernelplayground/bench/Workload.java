package dev.kernelplayground.bench;

/**
 * The work a kernel does, counted from the kernel's definition rather than measured: floating-point
 * operations and the bytes it must move to and from device memory at the least (each input read once,
 * each output written once). GFLOP/s, GB/s and the roofline all come from these two numbers.
 */
public record Workload(double flops, double bytes) {
  public Workload {
    if (flops < 0 || bytes < 0) {
      throw new IllegalArgumentException("a workload cannot have negative FLOPs or bytes");
    }
  }

  /** FLOPs per byte: where the kernel sits on the roofline. */
  public double intensity() {
    return bytes == 0 ? Double.POSITIVE_INFINITY : flops / bytes;
  }
}
