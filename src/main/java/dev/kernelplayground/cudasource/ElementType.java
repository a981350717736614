package dev.kernelplayground.cudasource;

/**
 * How a kernel buffer stores its numbers: {@code float} (fp32, 4 bytes), {@code __half} (IEEE fp16, 2 bytes) or
 * {@code int} (4 bytes). A header's buffers hold float or __half (the checks compare floats): Java keeps every
 * value as a float, and an fp16 buffer holds the floats rounded to the nearest fp16 (ties to even, as
 * {@code __float2half_rn} rounds). The emulator's own launches also pass int buffers, and 16-bit patterns
 * for {@code __nv_bfloat16} as {@code HALF}-sized buffers.
 */
public enum ElementType {
  FLOAT("float", 4),
  HALF("__half", 2),
  INT("int", 4);

  private final String cName;
  private final int bytes;

  ElementType(String cName, int bytes) {
    this.cName = cName;
    this.bytes = bytes;
  }

  /** The C spelling, "float", "__half" or "int". */
  public String cName() {
    return cName;
  }

  /** Bytes per element on the device. */
  public int bytes() {
    return bytes;
  }

  /**
   * The element type of a header buffer's type: "float", "const float*", "__half", "half", "const __half*".
   *
   * @throws IllegalArgumentException for anything else (e.g. "int*")
   */
  public static ElementType of(String cType) {
    String base = cType.replace("const", "").replace("*", "").trim();
    return switch (base) {
      case "float" -> FLOAT;
      case "__half", "half" -> HALF;
      default -> throw new IllegalArgumentException("'" + cType + "' is not a float or __half buffer");
    };
  }
}
