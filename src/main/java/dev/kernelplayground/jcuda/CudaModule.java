package dev.kernelplayground.jcuda;

import static jcuda.driver.CUjit_option.CU_JIT_ERROR_LOG_BUFFER;
import static jcuda.driver.CUjit_option.CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import jcuda.Pointer;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import jcuda.driver.JITOptions;

/**
 * PTX loaded on the GPU: the driver compiles it (JIT) for the GPU at hand. When it refuses, the JIT's own
 * error log (with PTX line numbers) is put into the message, with what the common refusals mean.
 */
public final class CudaModule {
  private static final int LOG_BYTES = 16 * 1024;

  private final CudaContext context;
  private final PtxSource source;
  private final CUmodule module;
  private boolean unloaded;

  private CudaModule(CudaContext context, PtxSource source, CUmodule module) {
    this.context = context;
    this.source = source;
    this.module = module;
  }

  static CudaModule load(CudaContext context, PtxSource ptx) {
    JITOptions options = new JITOptions();
    options.putBytes(CU_JIT_ERROR_LOG_BUFFER, new byte[LOG_BYTES]);
    options.putInt(CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES, LOG_BYTES);
    byte[] utf8 = ptx.text().getBytes(StandardCharsets.UTF_8);
    byte[] text = Arrays.copyOf(utf8, utf8.length + 1); // the driver reads PTX as a NUL-terminated string
    CUmodule module = new CUmodule();
    int result = JCudaDriver.cuModuleLoadDataJIT(module, Pointer.to(text), options);
    if (result != CUresult.CUDA_SUCCESS) {
      String log = cString(options.getBytes(CU_JIT_ERROR_LOG_BUFFER));
      throw new CudaFailure(loadFailure(ptx, context.device(), result, log), result);
    }
    return new CudaModule(context, ptx, module);
  }

  /** The message for a module the driver refused: what, why in words, and the JIT log. */
  static String loadFailure(PtxSource ptx, CudaDeviceInfo gpu, int result, String jitLog) {
    StringBuilder message =
        new StringBuilder("PTX from ")
            .append(ptx.origin())
            .append(" did not load on ")
            .append(gpu.name())
            .append(": ")
            .append(CUresult.stringFor(result));
    switch (result) {
      case CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION ->
          message.append(" — the PTX declares .version ").append(ptx.isaVersion().orElse("?"))
              .append(", newer than this driver (CUDA ").append(gpu.driverCudaVersion())
              .append(") reads; compile with a CUDA toolkit no newer than the driver, or update the driver");
      case CUresult.CUDA_ERROR_NO_BINARY_FOR_GPU, CUresult.CUDA_ERROR_INVALID_IMAGE ->
          message.append(" — the PTX targets ").append(ptx.target().orElse("?"))
              .append(", which this GPU (").append(gpu.smArch()).append(") cannot run; compile for ")
              .append(gpu.computeArch()).append(" or older");
      case CUresult.CUDA_ERROR_INVALID_PTX -> message.append(" — the JIT compiler rejected the PTX");
      default -> { }
    }
    if (!jitLog.isBlank()) {
      message.append("\nJIT log:\n").append(jitLog.strip());
    }
    return message.toString();
  }

  public PtxSource source() {
    return source;
  }

  /**
   * The kernel named {@code name}.
   *
   * @throws IllegalArgumentException naming the kernels the module does have when there is none by that name
   */
  public CudaFunction function(String name) {
    context.makeCurrent();
    CUfunction function = new CUfunction();
    int result = JCudaDriver.cuModuleGetFunction(function, module, name);
    if (result == CUresult.CUDA_ERROR_NOT_FOUND) {
      throw new IllegalArgumentException(
          "no kernel named '" + name + "' in " + source.origin() + "; it defines " + source.entries()
              + " (a kernel not declared extern \"C\" has a mangled C++ name)");
    }
    CudaFailure.check(result, "cuModuleGetFunction(" + name + ")");
    return new CudaFunction(context, name, function);
  }

  void unload() {
    if (!unloaded) {
      unloaded = true;
      JCudaDriver.cuModuleUnload(module);
    }
  }

  private static String cString(byte[] bytes) {
    if (bytes == null) {
      return "";
    }
    int end = 0;
    while (end < bytes.length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }
}
