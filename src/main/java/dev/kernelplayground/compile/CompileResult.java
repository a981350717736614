package dev.kernelplayground.compile;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A compiled kernel file: the PTX to load with the driver, the per-kernel resource report for the target
 * architecture, nvcc's warnings, and how long it took.
 *
 * @param source the file as the user named it
 * @param arch the real architecture ptxas compiled for, e.g. "sm_89" (the PTX targets compute_89)
 * @param ptx the PTX text
 * @param ptxasLog ptxas' verbose output, as printed
 * @param kernels one report per {@code __global__} function
 * @param warnings nvcc's warnings, mapped to the user's file
 * @param compileTime nvcc + ptxas wall time of the compile that produced this (also when served from the cache)
 * @param fromCache whether the result came from the PTX cache instead of running the compilers now
 */
public record CompileResult(
    String source,
    String arch,
    String ptx,
    String ptxasLog,
    List<ResourceReport> kernels,
    List<Diagnostic> warnings,
    Duration compileTime,
    boolean fromCache) {

  public CompileResult {
    kernels = List.copyOf(kernels);
    warnings = List.copyOf(warnings);
  }

  /** The report of the kernel with this plain name. */
  public Optional<ResourceReport> kernel(String name) {
    return kernels.stream().filter(k -> k.kernelName().equals(name) || k.function().equals(name)).findFirst();
  }

  /** The PTX ISA version the PTX declares, e.g. "9.0" (JCuda's JNvPTXCompiler takes at most 8.0). */
  public String ptxVersion() {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\s*\\.version\\s+(\\S+)").matcher(ptx);
    return m.find() ? m.group(1) : "unknown";
  }
}
