package dev.kernelplayground.jcuda;

import static jcuda.driver.CUfunction_attribute.*;

import dev.kernelplayground.cudasource.LaunchDims;
import java.util.ArrayList;
import java.util.List;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUfunction;
import jcuda.driver.JCudaDriver;

/**
 * One kernel of a loaded module, launched with a {@link LaunchDims} and its arguments in order: device
 * buffers ({@link DeviceBuffer}), and int, long, float or double scalars — what a CUDA C kernel takes as
 * {@code float*}, {@code int}, {@code float}, ...
 */
public final class CudaFunction {
  /** Dynamic shared memory a block may use without opting in: 48 KiB on every GPU since Volta. */
  static final int DEFAULT_DYNAMIC_SHARED_LIMIT = 48 * 1024;

  private final CudaContext context;
  private final String name;
  private final CUfunction function;

  CudaFunction(CudaContext context, String name, CUfunction function) {
    this.context = context;
    this.name = name;
    this.function = function;
  }

  public String name() {
    return name;
  }

  /** Registers per thread the JIT gave this kernel on this GPU. */
  public int registersPerThread() {
    return attribute(CU_FUNC_ATTRIBUTE_NUM_REGS);
  }

  /** Bytes of static shared memory per block. */
  public int staticSharedBytes() {
    return attribute(CU_FUNC_ATTRIBUTE_SHARED_SIZE_BYTES);
  }

  /** Local memory per thread: register spills and arrays the compiler could not keep in registers. */
  public int localBytesPerThread() {
    return attribute(CU_FUNC_ATTRIBUTE_LOCAL_SIZE_BYTES);
  }

  /** The largest block this kernel can be launched with on this GPU (its registers may allow fewer than 1024). */
  public int maxThreadsPerBlock() {
    return attribute(CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK);
  }

  /**
   * Checks the launch against this kernel's limits on this GPU (CUDA's general limits hold for any {@link
   * LaunchDims}) and packs the arguments once, so that what is left to do per launch is the launch itself: when
   * CUDA events time a launch, host work between the start event and the launch would count as GPU time.
   */
  public Launch prepare(LaunchDims g, Object... args) {
    context.makeCurrent();
    int threads = g.blockX() * g.blockY() * g.blockZ();
    int limit = maxThreadsPerBlock();
    if (threads > limit) {
      throw new IllegalArgumentException(
          name + ": a block of " + threads + " threads is more than this kernel can have on this GPU ("
              + limit + ", limited by its " + registersPerThread() + " registers per thread)");
    }
    allowDynamicShared(g.dynamicSharedBytes());
    return new Launch(this, g, Pointer.to(parameterPointers(name, args)));
  }

  /**
   * More than 48 KiB of dynamic shared memory must be asked for explicitly (cudaFuncSetAttribute in CUDA
   * C), up to what one block may opt in to on this GPU (99 KiB on Ada).
   */
  private void allowDynamicShared(int dynamicBytes) {
    if (dynamicBytes <= DEFAULT_DYNAMIC_SHARED_LIMIT) {
      return;
    }
    long optIn = context.device().sharedMemoryPerBlockOptInBytes();
    int staticBytes = staticSharedBytes();
    if (optIn > 0 && staticBytes + (long) dynamicBytes > optIn) {
      throw new IllegalArgumentException(
          name + ": " + staticBytes + " B static + " + dynamicBytes + " B dynamic shared memory is more than a"
              + " block may have on " + context.device().name() + " (" + optIn + " B)");
    }
    CudaFailure.check(
        JCudaDriver.cuFuncSetAttribute(function, CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, dynamicBytes),
        name + ": allowing " + dynamicBytes + " B of dynamic shared memory");
  }

  /** A launch ready to enqueue: the kernel, its geometry and its packed arguments. */
  public static final class Launch {
    private final CudaFunction kernel;
    private final LaunchDims g;
    private final Pointer parameters;

    private Launch(CudaFunction kernel, LaunchDims g, Pointer parameters) {
      this.kernel = kernel;
      this.g = g;
      this.parameters = parameters;
    }

    /** Enqueues the kernel on the default stream and returns at once. */
    public void enqueue() {
      kernel.context.makeCurrent();
      CudaFailure.check(
          JCudaDriver.cuLaunchKernel(
              kernel.function,
              g.gridX(), g.gridY(), g.gridZ(),
              g.blockX(), g.blockY(), g.blockZ(),
              g.dynamicSharedBytes(),
              null,
              parameters,
              null),
          "launching " + kernel.name + " with " + g);
    }
  }

  /** One pointer per argument, to its value, as cuLaunchKernel's kernelParams wants them. */
  static NativePointerObject[] parameterPointers(String kernel, Object... args) {
    List<NativePointerObject> pointers = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      Object arg = args[i];
      pointers.add(
          switch (arg) {
            case DeviceBuffer buffer -> Pointer.to(buffer.pointer());
            case Integer v -> Pointer.to(new int[] {v});
            case Long v -> Pointer.to(new long[] {v});
            case Float v -> Pointer.to(new float[] {v});
            case Double v -> Pointer.to(new double[] {v});
            case null -> throw new IllegalArgumentException(kernel + ": argument " + i + " is null");
            default ->
                throw new IllegalArgumentException(
                    kernel + ": argument " + i + " is a " + arg.getClass().getSimpleName()
                        + "; a kernel takes device buffers and int, long, float or double scalars");
          });
    }
    return pointers.toArray(NativePointerObject[]::new);
  }

  private int attribute(int attribute) {
    context.makeCurrent();
    int[] value = new int[1];
    CudaFailure.check(JCudaDriver.cuFuncGetAttribute(value, attribute, function), "cuFuncGetAttribute for " + name);
    return value[0];
  }
}
