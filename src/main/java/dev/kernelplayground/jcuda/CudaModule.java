package dev.kernelplayground.jcuda;

import static jcuda.driver.CUjit_option.CU_JIT_ERROR_LOG_BUFFER;
import static jcuda.driver.CUjit_option.CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Pattern ENTRY = Pattern.compile("\\.entry\\s+([A-Za-z_$][\\w$]*)\\s*\\(");
  private static final Pattern VERSION = Pattern.compile("(?m)^\\s*\\.version\\s+([0-9]+\\.[0-9]+)");
  private static final Pattern TARGET = Pattern.compile("(?m)^\\s*\\.target\\s+([\\w]+)");

  private final CudaContext context;
  private final String origin;
  private final String ptx;
  private final CUmodule module;

  private CudaModule(CudaContext context, String origin, String ptx, CUmodule module) {
    this.context = context;
    this.origin = origin;
    this.ptx = ptx;
    this.module = module;
  }

  /**
   * Loads {@code ptx}; {@code origin} says where it came from, for messages: "matmul/03_shared_tiled.cu (nvcc,
   * sm_89)".
   */
  static CudaModule load(CudaContext context, String origin, String ptx) {
    JITOptions options = new JITOptions();
    options.putBytes(CU_JIT_ERROR_LOG_BUFFER, new byte[LOG_BYTES]);
    options.putInt(CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES, LOG_BYTES);
    byte[] utf8 = ptx.getBytes(StandardCharsets.UTF_8);
    byte[] text = Arrays.copyOf(utf8, utf8.length + 1); // the driver reads PTX as a NUL-terminated string
    CUmodule module = new CUmodule();
    int result = JCudaDriver.cuModuleLoadDataJIT(module, Pointer.to(text), options);
    if (result != CUresult.CUDA_SUCCESS) {
      String log = cString(options.getBytes(CU_JIT_ERROR_LOG_BUFFER));
      throw new CudaFailure(loadFailure(origin, ptx, context.device(), result, log), result);
    }
    return new CudaModule(context, origin, ptx, module);
  }

  /** The message for a module the driver refused: what, why in words, and the JIT log. */
  static String loadFailure(String origin, String ptx, CudaDeviceInfo gpu, int result, String jitLog) {
    StringBuilder message =
        new StringBuilder("PTX from ")
            .append(origin)
            .append(" did not load on ")
            .append(gpu.name())
            .append(": ")
            .append(CUresult.stringFor(result));
    switch (result) {
      case CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION ->
          message.append(" — the PTX declares .version ").append(first(VERSION, ptx).orElse("?"))
              .append(", newer than this driver (CUDA ").append(gpu.driverCudaVersion())
              .append(") reads; compile with a CUDA toolkit no newer than the driver, or update the driver");
      case CUresult.CUDA_ERROR_NO_BINARY_FOR_GPU, CUresult.CUDA_ERROR_INVALID_IMAGE ->
          message.append(" — the PTX targets ").append(first(TARGET, ptx).orElse("?"))
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

  /** Where the PTX came from, e.g. "matmul/03_shared_tiled.cu (nvcc, sm_89)". */
  public String origin() {
    return origin;
  }

  /** The kernels (entries) the PTX defines, in order. */
  public List<String> entries() {
    return ENTRY.matcher(ptx).results().map(m -> m.group(1)).toList();
  }

  /** The first match of {@code pattern}'s group in the PTX: its .version (e.g. "9.0") or .target ("sm_89"). */
  private static Optional<String> first(Pattern pattern, String ptx) {
    Matcher m = pattern.matcher(ptx);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
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
          "no kernel named '" + name + "' in " + origin + "; it defines " + entries()
              + " (a kernel not declared extern \"C\" has a mangled C++ name)");
    }
    CudaFailure.check(result, "cuModuleGetFunction(" + name + ")");
    return new CudaFunction(context, name, function);
  }

  /** Called once, by the context as it closes: modules live as long as their context. */
  void unload() {
    JCudaDriver.cuModuleUnload(module);
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
