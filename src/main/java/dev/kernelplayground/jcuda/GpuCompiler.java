package dev.kernelplayground.jcuda;

import dev.kernelplayground.compile.CompileResult;
import dev.kernelplayground.compile.CudaCompiler;
import dev.kernelplayground.compile.CudaToolkit;
import dev.kernelplayground.cudasource.KernelSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jcuda.nvrtc.JNvrtc;
import jcuda.nvrtc.nvrtcProgram;
import jcuda.nvrtc.nvrtcResult;

/**
 * CUDA C → PTX for the GPU at hand: nvcc ({@link CudaCompiler}, cached on disk) when the CUDA toolkit is
 * here, else NVRTC (libnvrtc.so.12 through JCuda's JNvrtc) when it is, else a refusal that says what is
 * missing. Which one is decided once, when the first file is compiled.
 */
final class GpuCompiler {
  /** PTX and where it came from, e.g. "matmul/03_shared_tiled.cu (nvcc, sm_89)". */
  record Ptx(String origin, String text) {}

  private Optional<CudaCompiler> nvcc;

  /**
   * Compiles {@code source} for {@code gpu}'s architecture.
   *
   * @throws dev.kernelplayground.compile.CompileException nvcc's errors at the file's lines
   * @throws CudaCompileException NVRTC's errors
   * @throws CudaUnavailableException when neither nvcc nor NVRTC is here
   */
  synchronized Ptx compile(KernelSource source, CudaDeviceInfo gpu) {
    if (nvcc == null) {
      nvcc = CudaToolkit.find().map(toolkit -> new CudaCompiler(toolkit, CudaCompiler.defaultCacheDir()));
    }
    if (nvcc.isPresent()) {
      CompileResult compiled = nvcc.get().compile(source.path(), source.text(), gpu.smArch());
      return new Ptx(source.id() + ".cu (nvcc, " + compiled.arch() + ")", compiled.ptx());
    }
    String arch = gpu.computeArch();
    return new Ptx(source.id() + ".cu (NVRTC, " + arch + ")", nvrtc(source, arch));
  }

  /** Why no .cu file can be compiled here, or empty when nvcc or NVRTC is present. */
  static Optional<String> missing() {
    if (CudaToolkit.find().isPresent() || CudaAvailability.nvrtc().present()) {
      return Optional.empty();
    }
    return Optional.of("CUDA C files are compiled at run time by nvcc or NVRTC, and neither is here: "
        + CudaToolkit.whereLooked() + "; " + CudaAvailability.nvrtc().detail()
        + ". Without them the GPU runs only the cuBLAS baselines");
  }

  /**
   * NVRTC's PTX for {@code computeArch} ("compute_89"); the file's folder is on the include path.
   *
   * @throws CudaUnavailableException when there is no NVRTC, with the plain reason (and why nvcc was not used)
   * @throws CudaCompileException with NVRTC's log when the source does not compile
   */
  static String nvrtc(KernelSource source, String computeArch) {
    Probe probe = CudaAvailability.nvrtc();
    if (!probe.present()) {
      throw new CudaUnavailableException(missing().orElse(probe.detail()));
    }
    List<String> options = new ArrayList<>(List.of("--gpu-architecture=" + computeArch, "-std=c++17", "-lineinfo"));
    java.nio.file.Path folder = source.path().toAbsolutePath().getParent();
    if (folder != null) {
      options.add("--include-path=" + folder);
    }
    String name = source.path().getFileName().toString();
    nvrtcProgram program = new nvrtcProgram();
    try {
      check(JNvrtc.nvrtcCreateProgram(program, source.text(), name, 0, null, null), "nvrtcCreateProgram", name);
      try {
        int compiled = JNvrtc.nvrtcCompileProgram(program, options.size(), options.toArray(String[]::new));
        String[] log = new String[1];
        JNvrtc.nvrtcGetProgramLog(program, log);
        if (compiled != nvrtcResult.NVRTC_SUCCESS) {
          throw new CudaCompileException(source.path() + " does not compile (NVRTC, " + computeArch + "): "
              + nvrtcResult.stringFor(compiled) + (log[0] == null || log[0].isBlank() ? "" : "\n" + log[0].strip()));
        }
        String[] ptx = new String[1];
        check(JNvrtc.nvrtcGetPTX(program, ptx), "nvrtcGetPTX", name);
        return ptx[0];
      } finally {
        JNvrtc.nvrtcDestroyProgram(program);
      }
    } catch (LinkageError e) {
      // the probe found NVRTC, so this is a partial install (e.g. libnvrtc-builtins missing)
      throw new CudaUnavailableException(CudaAvailability.missingReason("NVRTC did not load", "libnvrtc.so.12", e));
    }
  }

  private static void check(int result, String call, String file) {
    if (result != nvrtcResult.NVRTC_SUCCESS) {
      throw new CudaCompileException(call + " failed for " + file + ": " + nvrtcResult.stringFor(result));
    }
  }
}
