package dev.kernelplayground.cudasource;

/**
 * How a kernel buffer stores its numbers, as the header's C type says: {@code float} (fp32, 4 bytes) or
 * {@code __half} (IEEE fp16, 2 bytes). Java keeps every value as a float; an fp16 buffer holds the floats
 * rounded to the nearest fp16 (ties to even, as {@code __float2half_rn} rounds).
 */
public enum ElementType {
  FLOAT("float", 4),
  HALF("__half", 2);

  private final String cName;
  private final int bytes;

  ElementType(String cName, int bytes) {
    this.cName = cName;
    this.bytes = bytes;
  }

  /** The C spelling, "float" or "__half". */
  public String cName() {
    return cName;
  }

  /** Bytes per element on the device. */
  public int bytes() {
    return bytes;
  }

  /**
   * The element type of a header type: "float", "const float*", "__half", "half", "const __half*".
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
