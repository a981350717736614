package dev.kernelplayground.jcuda;

import dev.kernelplayground.cudasource.ElementType;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * A buffer in GPU memory holding floats as fp32 or fp16 ({@link ElementType#FLOAT}, {@link ElementType#HALF}),
 * with copies to and from Java float arrays. Made by {@link CudaContext#allocate}, freed when the context closes.
 */
public final class DeviceBuffer {
  private final CudaContext context;
  private final String name;
  private final ElementType element;
  private final long length;
  private final AddressedPointer pointer = new AddressedPointer();
  private boolean freed;

  private DeviceBuffer(CudaContext context, String name, ElementType element, long length) {
    this.context = context;
    this.name = name;
    this.element = element;
    this.length = length;
  }

  static DeviceBuffer allocate(CudaContext context, String name, ElementType element, long length) {
    if (element == ElementType.INT) {
      throw new IllegalArgumentException("device buffer '" + name + "': int buffers are not supported on the GPU");
    }
    if (length <= 0) {
      throw new IllegalArgumentException("device buffer '" + name + "' needs at least one element, got " + length);
    }
    DeviceBuffer buffer = new DeviceBuffer(context, name, element, length);
    CudaFailure.check(
        JCudaDriver.cuMemAlloc(buffer.pointer, buffer.bytes()),
        "cuMemAlloc of " + DeviceComparison.mib(buffer.bytes()) + " for '" + name + "'");
    return buffer;
  }

  public ElementType element() {
    return element;
  }

  public long bytes() {
    return length * element.bytes();
  }

  /** The device address, as a kernel argument or a cuBLAS operand. */
  public CUdeviceptr pointer() {
    if (freed) {
      throw new IllegalStateException("device buffer '" + name + "' was freed");
    }
    return pointer;
  }

  /** The device address as a number, for a call made through java.lang.foreign (cuBLAS). */
  public long address() {
    return ((AddressedPointer) pointer()).address();
  }

  /** Copies {@code host} into the buffer (rounded to fp16 for an fp16 buffer); lengths must match. */
  public void upload(float[] host) {
    requireLength(host.length);
    context.makeCurrent();
    Pointer source = element == ElementType.FLOAT ? Pointer.to(host) : Pointer.to(toHalfBits(host));
    CudaFailure.check(JCudaDriver.cuMemcpyHtoD(pointer(), source, bytes()), "copying '" + name + "' to the GPU");
  }

  /** Copies the buffer into {@code host} (fp16 widened to float exactly); lengths must match. */
  public void download(float[] host) {
    requireLength(host.length);
    context.makeCurrent();
    if (element == ElementType.FLOAT) {
      CudaFailure.check(JCudaDriver.cuMemcpyDtoH(Pointer.to(host), pointer(), bytes()), "copying '" + name + "' back");
    } else {
      short[] bits = new short[host.length];
      CudaFailure.check(JCudaDriver.cuMemcpyDtoH(Pointer.to(bits), pointer(), bytes()), "copying '" + name + "' back");
      for (int i = 0; i < bits.length; i++) {
        host[i] = Float.float16ToFloat(bits[i]);
      }
    }
  }

  /** Sets every byte to {@code value}: a write of the whole buffer that the GPU does on its own. */
  public void fillBytes(byte value) {
    context.makeCurrent();
    CudaFailure.check(JCudaDriver.cuMemsetD8(pointer(), value, bytes()), "filling '" + name + "'");
  }

  void free() {
    if (!freed) {
      freed = true;
      JCudaDriver.cuMemFree(pointer);
    }
  }

  static short[] toHalfBits(float[] values) {
    short[] bits = new short[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Float.floatToFloat16(values[i]);
    }
    return bits;
  }

  private void requireLength(int hostLength) {
    if (hostLength != length) {
      throw new IllegalArgumentException(
          "device buffer '" + name + "' holds " + length + " elements, the host array " + hostLength);
    }
  }

  /**
   * A driver-API device pointer that tells its address: JCuda keeps it in NativePointerObject's protected
   * {@code getNativePointer()}, which a subclass may read (cuMemAlloc fills it; the byte offset stays 0).
   */
  private static final class AddressedPointer extends CUdeviceptr {
    long address() {
      return getNativePointer();
    }
  }
}
