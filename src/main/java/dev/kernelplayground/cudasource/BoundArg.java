package dev.kernelplayground.cudasource;

/**
 * One argument of a bound launch, resolved for concrete sizes: a buffer (a problem input, the output, or a
 * scratch buffer the launcher allocates) or a scalar value. A backend turns buffers into device memory once
 * per {@link BoundKernel} ({@link BoundKernel#buffers()}) and passes them, with the scalars, in this order.
 */
public sealed interface BoundArg {
  /** The argument's name in the kernel's header. */
  String name();

  /** A buffer argument: device memory of {@link #elements()} values of {@link #element()}. */
  sealed interface Buffer extends BoundArg {
    ElementType element();

    long elements();

    /** Bytes the buffer takes on the device. */
    default long bytes() {
      return elements() * element().bytes();
    }
  }

  /**
   * The problem's input {@code name}, uploaded before each checked run: the problem's floats, rounded to
   * fp16 when {@code element} is {@link ElementType#HALF} ({@link BoundKernel#inputValues}).
   */
  record Input(String name, ElementType element, long elements) implements Buffer {}

  /** The output {@code out} (always fp32), compared with the problem's reference. */
  record Output(String name, long elements) implements Buffer {
    @Override
    public ElementType element() {
      return ElementType.FLOAT;
    }
  }

  /**
   * A buffer for intermediate results, e.g. attention's {@code scores}; the same name in several launches of
   * one file is one buffer. Its contents before the first launch are undefined: a backend should fill it with
   * NaNs so that a kernel reading what nobody wrote fails its check.
   */
  record Scratch(String name, ElementType element, long elements) implements Buffer {}

  /** An {@code int} by value: a size ({@code int m}) or a computed scalar ({@code int rows = batch * heads}). */
  record IntScalar(String name, int value) implements BoundArg {}

  /** A {@code float} by value, e.g. {@code float scale = 1 / sqrt(dim)}. */
  record FloatScalar(String name, float value) implements BoundArg {}
}
