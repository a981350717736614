package dev.kernelplayground.jcuda;

import dev.kernelplayground.compile.CudaToolkit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import jcuda.nvrtc.JNvrtc;

/**
 * What this machine offers for raw CUDA C: the NVIDIA driver (libcuda.so.1) with at least one GPU, a CUDA C
 * compiler (nvcc on disk, or NVRTC, libnvrtc.so.12), and cuBLAS 13 or 12 for the baseline ({@link CublasLibrary}).
 *
 * <p>Each is probed once and the verdict cached: JCuda loads its native library on first use, and when the
 * library it links against is missing the first call throws {@link UnsatisfiedLinkError} and every later
 * call {@link NoClassDefFoundError}. Both are {@link LinkageError}s; they are caught here and turned into a
 * plain reason such as "no NVIDIA driver (libcuda.so.1 not found)". Nothing here throws.
 */
public final class CudaAvailability {
  private static final Pattern MISSING_LIBRARY =
      Pattern.compile("(lib[A-Za-z0-9_+.-]+?\\.so(?:\\.[0-9]+)*): cannot open shared object file");

  private static final Remembered DRIVER = new Remembered(CudaAvailability::probeDriver);
  private static final Remembered NVRTC = new Remembered(CudaAvailability::probeNvrtc);
  private static final Remembered CUBLAS = new Remembered(CudaAvailability::probeCublas);
  private static final Remembered NVCC = new Remembered(CudaAvailability::probeNvcc);

  private CudaAvailability() {}

  /** A probe run on first use and its verdict kept: what a machine has does not change while kp runs. */
  private static final class Remembered {
    private final Supplier<Probe> probe;
    private Probe verdict;

    Remembered(Supplier<Probe> probe) {
      this.probe = probe;
    }

    synchronized Probe get() {
      if (verdict == null) {
        verdict = probe.get();
      }
      return verdict;
    }
  }

  /** The NVIDIA driver and a CUDA device: present when cuInit succeeded and at least one GPU answered. */
  public static Probe driver() {
    return DRIVER.get();
  }

  /** NVRTC, the runtime CUDA C compiler JCuda binds (libnvrtc.so.12). */
  public static Probe nvrtc() {
    return NVRTC.get();
  }

  /** cuBLAS 13 or 12 through java.lang.foreign ({@link CublasLibrary}), for the baseline. */
  public static Probe cublas() {
    return CUBLAS.get();
  }

  /** nvcc, the CUDA toolkit's compiler, where {@link CudaToolkit#find()} finds it (KP_NVCC, CUDA_HOME, PATH, ...). */
  public static Probe nvcc() {
    return NVCC.get();
  }

  /** True when a CUDA kernel can run here: the driver answered with a GPU. */
  public static boolean gpuPresent() {
    return driver().present();
  }

  /**
   * Everything above in a few lines, for people: what runs and what is missing, e.g. when there is no
   * driver, no NVRTC and no nvcc.
   */
  public static List<String> summary() {
    List<String> lines = new ArrayList<>();
    lines.add("driver: " + driver().detail());
    lines.add("nvcc:   " + nvcc().detail());
    lines.add("NVRTC:  " + nvrtc().detail());
    lines.add("cuBLAS: " + cublas().detail());
    if (!driver().present()) {
      lines.add("→ CUDA kernels cannot run on this machine: " + driver().detail());
    }
    if (!nvcc().present() && !nvrtc().present()) {
      lines.add(
          "→ no CUDA C compiler (neither nvcc nor NVRTC): .cu files cannot be compiled for the GPU, only"
              + " cuBLAS runs; install the CUDA toolkit for .cu files");
    }
    return lines;
  }

  private static Probe probeDriver() {
    try {
      int init = JCudaDriver.cuInit(0);
      if (init == CUresult.CUDA_ERROR_NO_DEVICE) {
        return Probe.missing("no NVIDIA GPU (the driver is installed but cuInit found no CUDA device)");
      }
      if (init != CUresult.CUDA_SUCCESS) {
        return Probe.missing(
            "the NVIDIA driver did not start (cuInit: " + CUresult.stringFor(init) + ")"
                + (init == CUresult.CUDA_ERROR_SYSTEM_DRIVER_MISMATCH
                    ? "; the kernel module and the user-space driver (libcuda) have different versions:"
                        + " reboot or reinstall the driver"
                    : ""));
      }
      int[] count = new int[1];
      int counted = JCudaDriver.cuDeviceGetCount(count);
      if (counted != CUresult.CUDA_SUCCESS || count[0] == 0) {
        return Probe.missing("no NVIDIA GPU (the driver is installed but reports no CUDA device)");
      }
      int[] version = new int[1];
      JCudaDriver.cuDriverGetVersion(version);
      return Probe.found(
          "NVIDIA driver for CUDA " + cudaVersion(version[0]) + ", " + count[0] + " GPU"
              + (count[0] == 1 ? "" : "s"));
    } catch (LinkageError e) {
      return Probe.missing(missingReason("no NVIDIA driver", "libcuda.so.1", e));
    } catch (RuntimeException e) {
      return Probe.missing("the NVIDIA driver could not be queried: " + e.getMessage());
    }
  }

  private static Probe probeNvcc() {
    Optional<CudaToolkit> toolkit = CudaToolkit.find();
    return toolkit.isEmpty()
        ? Probe.missing(CudaToolkit.whereLooked())
        : Probe.found("nvcc " + toolkit.get().release().orElse("(version unknown)") + " at " + toolkit.get().nvcc());
  }

  private static Probe probeNvrtc() {
    try {
      int[] major = new int[1];
      int[] minor = new int[1];
      JNvrtc.nvrtcVersion(major, minor);
      return Probe.found("NVRTC " + major[0] + "." + minor[0]);
    } catch (LinkageError e) {
      return Probe.missing(missingReason("no NVRTC", "libnvrtc.so.12", e));
    } catch (RuntimeException e) {
      return Probe.missing("NVRTC could not be queried: " + e.getMessage());
    }
  }

  private static Probe probeCublas() {
    CublasLibrary.Lookup cublas = CublasLibrary.find();
    return cublas.found() ? Probe.found("cuBLAS " + cublas.served() + " (java.lang.foreign)") : Probe.missing(cublas.missing());
  }

  /**
   * A plain reason for a failed native load: "no NVIDIA driver (libcuda.so.1 not found)" when the system
   * library is missing, or the first line of the loader's message otherwise.
   */
  static String missingReason(String what, String expectedLibrary, Throwable error) {
    Optional<String> library = missingLibrary(error);
    if (library.isPresent()) {
      return what + " (" + library.get() + " not found)";
    }
    if (error instanceof NoClassDefFoundError) {
      // a later call after a failed first load: the reason was given by the first one
      return what + " (" + expectedLibrary + " could not be loaded earlier in this run)";
    }
    String message = String.valueOf(error.getMessage()).lines().findFirst().orElse("");
    return what + " (" + expectedLibrary + " could not be loaded: " + message + ")";
  }

  /** The system library named as missing anywhere in the error chain's messages, e.g. "libcuda.so.1". */
  static Optional<String> missingLibrary(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        Matcher m = MISSING_LIBRARY.matcher(t.getMessage());
        if (m.find()) {
          return Optional.of(m.group(1));
        }
      }
    }
    return Optional.empty();
  }

  /** CUDA's version integer (1000·major + 10·minor) in words: 12060 → "12.6". */
  static String cudaVersion(int version) {
    return version / 1000 + "." + (version % 1000) / 10;
  }
}
