package dev.kernelplayground.device;

import dev.kernelplayground.compile.CudaToolkit;
import dev.kernelplayground.emulator.Emulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Looks at this machine for what each backend needs — the NVIDIA driver, OpenCL drivers (ICDs), a C++
 * compiler, the CUDA toolkit — without loading any of them, and says what can run where.
 */
public final class DeviceDiscovery {
  private static final List<String> LIBRARY_DIRS =
      List.of(
          "/usr/lib/x86_64-linux-gnu",
          "/usr/lib64",
          "/usr/lib",
          "/usr/local/cuda/lib64",
          "/usr/local/cuda/compat",
          "/usr/lib/wsl/lib");

  private DeviceDiscovery() {}

  public static List<BackendStatus> discover() {
    return List.of(cuda(), openCl(), emulator(), java());
  }

  static BackendStatus java() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new BackendStatus(
        Backend.JAVA,
        true,
        cores + " Java threads on " + cpuModel().orElse("the CPU") + ", Java " + Runtime.version().feature(),
        "yes: the tour's kernels, the Java lesson kernels on Java threads (kp run --backend jtp), plain-Java baselines and the float64 references");
  }

  static BackendStatus cuda() {
    Optional<Path> driver = findLibrary("libcuda.so.1");
    String toolkit = CudaToolkit.find()
        .flatMap(CudaToolkit::release)
        .map(v -> "; CUDA toolkit " + v + " (nvcc) for sm_89 compile reports")
        .orElse("");
    if (driver.isEmpty()) {
      return new BackendStatus(
          Backend.CUDA, false, "no NVIDIA driver (libcuda.so.1 not found)" + toolkit, "no GPU here; kp compile gives sm_89 reports");
    }
    return new BackendStatus(
        Backend.CUDA,
        true,
        "NVIDIA driver at " + driver.get() + toolkit,
        "raw CUDA C through JCuda, checked and timed against cuBLAS: tests/gpu/verify.sh");
  }

  static BackendStatus openCl() {
    Path vendors = Path.of("/etc/OpenCL/vendors");
    List<String> icds = new ArrayList<>();
    if (Files.isDirectory(vendors)) {
      try (Stream<Path> files = Files.list(vendors)) {
        files.filter(f -> f.toString().endsWith(".icd")).forEach(f -> icds.add(f.getFileName().toString()));
      } catch (IOException e) {
        // unreadable: treated as none
      }
    }
    if (icds.isEmpty()) {
      return new BackendStatus(
          Backend.OPENCL,
          false,
          "no OpenCL driver (no ICD in /etc/OpenCL/vendors; on Debian: apt-get install pocl-opencl-icd)",
          "no");
    }
    return new BackendStatus(
        Backend.OPENCL,
        true,
        "OpenCL drivers: " + String.join(", ", icds),
        "yes: the Java lesson kernels, translated to OpenCL C by Aparapi (kp run --backend opencl:N)");
  }

  static BackendStatus emulator() {
    return Emulator.status();
  }

  static Optional<Path> findLibrary(String name) {
    List<String> dirs = new ArrayList<>(LIBRARY_DIRS);
    String ldPath = System.getenv("LD_LIBRARY_PATH");
    if (ldPath != null) {
      dirs.addAll(0, Arrays.asList(ldPath.split(":")));
    }
    return dirs.stream()
        .filter(d -> !d.isBlank())
        .map(d -> Path.of(d, name))
        .filter(Files::exists)
        .findFirst();
  }

  static Optional<String> cpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
