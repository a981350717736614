package dev.kernelplayground.cudasource;

import java.util.Objects;

/**
 * One argument of a kernel launch, in parameter order: a buffer or a value. Every backend takes these: a bound
 * kernel's launches hold them ({@link BoundLaunch#args()}), the emulator launches with them, the GPU turns
 * their buffers into device memory.
 *
 * <p>A buffer says what it holds ({@link ElementType}), how many, and how the kernel may use it ({@link
 * Access}). In a bound kernel a buffer has no values yet: the backend fills an {@code IN} buffer with the
 * problem's input of that name, hands the checker's output array for {@code OUT}, and fills an {@code IN_OUT}
 * (scratch) buffer with NaN, so that a kernel reading what nobody wrote fails its check. A caller that holds
 * the data itself (the emulator's own launches, {@code kp emulate}) gives the buffer its Java array: a
 * {@code float[]}, an {@code int[]}, or a {@code short[]} of 16-bit patterns ({@code __half} or {@code
 * __nv_bfloat16}); {@code OUT} and {@code IN_OUT} arrays are written back after the launch.
 *
 * <pre>{@code
 * List.of(KernelArg.in(a), KernelArg.in(b), KernelArg.out(c), KernelArg.of(n))
 * }</pre>
 */
public sealed interface KernelArg {
  /** The argument's name in the kernel's header; empty for one passed by position only. */
  String name();

  /** How a kernel may use a buffer. */
  enum Access {
    /** Read only: a problem input. Writing into it is a bug the checker (and the emulator) reports. */
    IN,
    /** Written: the output, compared with the reference. */
    OUT,
    /** Read and written: a scratch buffer shared between launches, or an in-out buffer. */
    IN_OUT
  }

  /**
   * A buffer of {@code elements} values of {@code element}.
   *
   * @param values the host array holding them (float[], int[] or short[] as {@code element} says), or null
   *     when the backend fills the buffer (a bound kernel)
   */
  record Buffer(String name, ElementType element, long elements, Access access, Object values) implements KernelArg {
    public Buffer {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(element, "element");
      Objects.requireNonNull(access, "access");
      if (elements < 0) {
        throw new IllegalArgumentException("buffer '" + name + "' cannot have " + elements + " elements");
      }
      if (values != null) {
        int length = switch (values) {
          case float[] f when element == ElementType.FLOAT -> f.length;
          case int[] i when element == ElementType.INT -> i.length;
          case short[] h when element.bytes() == 2 -> h.length;
          default -> throw new IllegalArgumentException("buffer '" + name + "' of " + element.cName()
              + " cannot hold a " + values.getClass().getSimpleName());
        };
        if (length != elements) {
          throw new IllegalArgumentException(
              "buffer '" + name + "' has " + elements + " elements, its array " + length);
        }
      }
    }

    /** A buffer the backend fills: {@code values} is null. */
    public Buffer(String name, ElementType element, long elements, Access access) {
      this(name, element, elements, access, null);
    }

    /** Bytes the buffer takes on the device. */
    public long bytes() {
      return elements * element.bytes();
    }

    /** The same buffer holding {@code array} (as {@link #values()} describes it). */
    public Buffer holding(Object array) {
      return new Buffer(name, element, elements, access, array);
    }
  }

  /** An integer by value: a size ({@code int m}), a computed scalar ({@code int rows = batch * heads}), a count. */
  record IntScalar(String name, long value) implements KernelArg {}

  /** A {@code float} by value, e.g. {@code float scale = 1 / sqrt(dim)}. */
  record FloatScalar(String name, float value) implements KernelArg {}

  /**
   * A buffer the kernel only reads, holding the caller's {@code values}: a {@code float[]}, an {@code int[]}
   * (also for {@code unsigned*}), or a {@code short[]} of 16-bit patterns (described as {@code __half}; the
   * emulator passes them as the kernel's parameter type says, so they serve a {@code __nv_bfloat16*} too).
   */
  static Buffer in(Object values) {
    return host(values, Access.IN);
  }

  /** A buffer the kernel writes; the array receives what it wrote. */
  static Buffer out(Object values) {
    return host(values, Access.OUT);
  }

  /** A buffer the kernel reads and writes; the array receives what it wrote. */
  static Buffer inOut(Object values) {
    return host(values, Access.IN_OUT);
  }

  private static Buffer host(Object values, Access access) {
    return switch (values) {
      case float[] f -> new Buffer("", ElementType.FLOAT, f.length, access, f);
      case int[] i -> new Buffer("", ElementType.INT, i.length, access, i);
      case short[] h -> new Buffer("", ElementType.HALF, h.length, access, h);
      case null -> throw new NullPointerException("a buffer argument needs an array");
      default -> throw new IllegalArgumentException(
          "a buffer argument is a float[], int[] or short[], not a " + values.getClass().getSimpleName());
    };
  }

  static KernelArg of(long value) {
    return new IntScalar("", value);
  }

  static KernelArg of(float value) {
    return new FloatScalar("", value);
  }
}
