package dev.kernelplayground.jcuda;

/**
 * How the floats of a host array are stored in a device buffer: as fp32, or as fp16 bit patterns
 * ({@code __half} on the device, {@code short} bits in Java), rounded to nearest on the way in.
 */
public enum Element {
  FP32(4),
  FP16(2);

  private final int bytes;

  Element(int bytes) {
    this.bytes = bytes;
  }

  public int bytes() {
    return bytes;
  }
}
