package dev.kernelplayground.jcuda;

/**
 * One argument of a CUDA kernel, described before any buffer exists: an input of the problem by name, the
 * output, or a scalar. {@link CudaKernelCases} turns them into device buffers and values at launch.
 */
public sealed interface KernelArg {
  /** The problem's input {@code name}, stored on the device as {@code element}. */
  record Input(String name, Element element) implements KernelArg {}

  /** The output buffer, stored on the device as {@code element}. */
  record Output(Element element) implements KernelArg {}

  /** An int, long, float or double passed by value. */
  record Scalar(Object value) implements KernelArg {
    public Scalar {
      if (!(value instanceof Integer || value instanceof Long || value instanceof Float || value instanceof Double)) {
        throw new IllegalArgumentException("a scalar kernel argument is an int, long, float or double, not " + value);
      }
    }
  }

  static KernelArg input(String name) {
    return new Input(name, Element.FP32);
  }

  static KernelArg inputFp16(String name) {
    return new Input(name, Element.FP16);
  }

  static KernelArg output() {
    return new Output(Element.FP32);
  }

  static KernelArg of(int value) {
    return new Scalar(value);
  }

  static KernelArg of(float value) {
    return new Scalar(value);
  }
}
