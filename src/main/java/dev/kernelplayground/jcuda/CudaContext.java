package dev.kernelplayground.jcuda;

import dev.kernelplayground.cudasource.ElementType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * One GPU's primary context — the one the CUDA runtime and cuBLAS use too, so their pointers and ours are
 * interchangeable — and everything allocated in it: buffers, modules, events, cuBLAS handles. Closing it
 * frees them all (newest first) and releases the context; {@link #mark} and {@link #releaseTo} free the
 * buffers and events of one problem size before the next. Every call makes the context current on the
 * calling thread first, so a context may be used from whichever thread runs a check or a benchmark (one
 * thread at a time).
 */
public final class CudaContext implements AutoCloseable {
  private final CUdevice device;
  private CUcontext context;
  private final CudaDeviceInfo info;
  private final Deque<Runnable> cleanups = new ArrayDeque<>();
  private final List<CudaModule> modules = new ArrayList<>();
  private boolean closed;

  private CudaContext(CUdevice device, CUcontext context, CudaDeviceInfo info) {
    this.device = device;
    this.context = context;
    this.info = info;
  }

  /**
   * Opens GPU {@code ordinal}'s primary context.
   *
   * @throws CudaUnavailableException when there is no driver or no such GPU, with the plain reason
   */
  public static CudaContext open(int ordinal) {
    Probe driver = CudaAvailability.driver();
    if (!driver.present()) {
      throw new CudaUnavailableException(driver.detail());
    }
    int[] count = new int[1];
    CudaFailure.check(JCudaDriver.cuDeviceGetCount(count), "cuDeviceGetCount");
    if (ordinal < 0 || ordinal >= count[0]) {
      throw new CudaUnavailableException(
          "there is no GPU number " + ordinal + " (this machine has " + count[0] + ", numbered from 0)");
    }
    CUdevice device = new CUdevice();
    CudaFailure.check(JCudaDriver.cuDeviceGet(device, ordinal), "cuDeviceGet(" + ordinal + ")");
    CUcontext context = new CUcontext();
    CudaFailure.check(JCudaDriver.cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
    CudaFailure.check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
    return new CudaContext(device, context, CudaDeviceInfo.query(device, ordinal));
  }

  /** The GPU this context runs on. */
  public CudaDeviceInfo device() {
    return info;
  }

  /** Makes this context current on the calling thread. */
  public void makeCurrent() {
    if (closed) {
      throw new IllegalStateException("this CUDA context was closed");
    }
    CudaFailure.check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
  }

  /**
   * Waits for all work on the GPU to finish. A kernel that faulted (an out-of-bounds access, a trap) is
   * reported here, since launches return before the kernel runs.
   */
  public void synchronize(String after) {
    makeCurrent();
    int result = JCudaDriver.cuCtxSynchronize();
    if (result != CUresult.CUDA_SUCCESS) {
      throw new CudaFailure(after + " failed on the GPU: " + CUresult.stringFor(result) + explain(result), result);
    }
  }

  /** Allocates a device buffer of {@code length} elements, freed when the context closes. */
  public DeviceBuffer allocate(String name, ElementType element, long length) {
    makeCurrent();
    DeviceBuffer buffer = DeviceBuffer.allocate(this, name, element, length);
    onClose(buffer::free);
    return buffer;
  }

  /**
   * Loads PTX text; {@code origin} says where it came from, for messages (see {@link CudaModule#load}). Modules
   * live as long as the context, whatever {@link #releaseTo} frees: a session caches them across problem sizes.
   */
  public synchronized CudaModule load(String origin, String ptx) {
    makeCurrent();
    CudaModule module = CudaModule.load(this, origin, ptx);
    modules.add(module);
    return module;
  }

  /** A pair of CUDA events for timing, destroyed when the context closes. */
  public EventTimer eventTimer() {
    makeCurrent();
    EventTimer timer = new EventTimer(this);
    onClose(timer::destroy);
    return timer;
  }

  /** Registers something to free when the context closes; runs newest first. */
  public synchronized void onClose(Runnable cleanup) {
    cleanups.push(cleanup);
  }

  /** A point to free back to with {@link #releaseTo}: everything allocated after it. */
  public synchronized int mark() {
    return cleanups.size();
  }

  /**
   * Frees what was allocated since {@code mark} (newest first), so a long run over many problem sizes does
   * not hold every size's buffers at once.
   */
  public synchronized void releaseTo(int mark) {
    makeCurrent();
    JCudaDriver.cuCtxSynchronize();
    while (cleanups.size() > mark) {
      try {
        cleanups.pop().run();
      } catch (RuntimeException e) {
        // after a kernel fault frees fail too; the context is unusable anyway
      }
    }
  }

  /**
   * Resets the GPU's primary context after a fault that left it unusable (see {@code BenchmarkMatrix.sticky}):
   * frees what it can (after a fault the frees fail; the reset frees everything anyway), forgets the modules,
   * calls {@code cuDevicePrimaryCtxReset} and makes the fresh primary context current. Everything allocated in
   * this context before — buffers, events, modules, cuBLAS handles — is gone: the caller rebuilds what it keeps.
   *
   * @throws CudaFailure when the driver cannot reset the context
   */
  public synchronized void reset() {
    if (closed) {
      throw new IllegalStateException("this CUDA context was closed");
    }
    JCudaDriver.cuCtxSetCurrent(context);
    JCudaDriver.cuCtxSynchronize(); // returns the fault again; it must not stop the frees below
    while (!cleanups.isEmpty()) {
      try {
        cleanups.pop().run();
      } catch (RuntimeException e) {
        // freeing after a kernel fault fails with the same fault; the reset frees it
      }
    }
    modules.clear(); // the reset unloads them
    CudaFailure.check(JCudaDriver.cuDevicePrimaryCtxReset(device), "cuDevicePrimaryCtxReset");
    // The reset keeps this process's retain of the primary context; retain it again for a handle to the fresh
    // one and give the extra retain back, so close() releases exactly once.
    CUcontext fresh = new CUcontext();
    CudaFailure.check(JCudaDriver.cuDevicePrimaryCtxRetain(fresh, device), "cuDevicePrimaryCtxRetain");
    CudaFailure.check(JCudaDriver.cuDevicePrimaryCtxRelease(device), "cuDevicePrimaryCtxRelease");
    context = fresh;
    CudaFailure.check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    JCudaDriver.cuCtxSetCurrent(context);
    JCudaDriver.cuCtxSynchronize(); // a pending fault must not stop the frees below
    while (!cleanups.isEmpty()) {
      try {
        cleanups.pop().run();
      } catch (RuntimeException e) {
        // freeing after a kernel fault fails with the same fault; the context is released anyway
      }
    }
    modules.forEach(CudaModule::unload);
    modules.clear();
    closed = true;
    JCudaDriver.cuDevicePrimaryCtxRelease(device);
  }

  /** What a fault means, for the errors a learner's kernel most often causes. */
  static String explain(int result) {
    return switch (result) {
      case CUresult.CUDA_ERROR_ILLEGAL_ADDRESS ->
          " — the kernel read or wrote outside its buffers (check the bounds test for the last block);"
              + " the context is unusable after this until it is reset (the GPU report resets it and goes on with the next"
              + " row)";
      case CUresult.CUDA_ERROR_MISALIGNED_ADDRESS ->
          " — a load or store was not aligned to its size (e.g. a float4 access at an address that is not a"
              + " multiple of 16)";
      case CUresult.CUDA_ERROR_LAUNCH_TIMEOUT ->
          " — the kernel ran longer than the display watchdog allows (an endless loop?)";
      case CUresult.CUDA_ERROR_ASSERT -> " — a device-side assert() failed";
      case CUresult.CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES ->
          " — the block needs more registers or shared memory than an SM has; use fewer threads per block";
      default -> "";
    };
  }
}
