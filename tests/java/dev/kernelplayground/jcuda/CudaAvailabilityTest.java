package dev.kernelplayground.jcuda;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probes: never throw, cache their verdict, and say in plain words what is missing. */
class CudaAvailabilityTest {
  private static final List<String> DRIVER_DIRS =
      List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/cuda/lib64",
          "/usr/local/cuda/compat", "/usr/lib/wsl/lib");

  private static boolean libcudaOnDisk() {
    String ld = System.getenv("LD_LIBRARY_PATH");
    var dirs = new java.util.ArrayList<>(DRIVER_DIRS);
    if (ld != null) {
      dirs.addAll(List.of(ld.split(":")));
    }
    return dirs.stream().filter(d -> !d.isBlank()).anyMatch(d -> Files.exists(Path.of(d, "libcuda.so.1")));
  }

  @Test
  void withoutTheDriverTheReasonIsPlainAndNothingIsThrown() {
    Probe first = assertDoesNotThrow(CudaAvailability::driver);
    if (!libcudaOnDisk()) {
      assertFalse(first.present());
      assertEquals("no NVIDIA driver (libcuda.so.1 not found)", first.detail());
    } else {
      assertFalse(first.detail().isBlank(), "a driver machine still says what it found");
    }
  }

  @Test
  void theVerdictIsCachedSoALaterCallDoesNotMeetNoClassDefFoundError() {
    Probe first = CudaAvailability.driver();
    Probe second = assertDoesNotThrow(CudaAvailability::driver);
    assertSame(first, second);
    assertSame(CudaAvailability.nvrtc(), CudaAvailability.nvrtc());
    assertSame(CudaAvailability.cublas(), CudaAvailability.cublas());
  }

  @Test
  void nvrtcAndCublasProbesNameTheLibraryTheyMiss() {
    Probe nvrtc = assertDoesNotThrow(CudaAvailability::nvrtc);
    Probe cublas = assertDoesNotThrow(CudaAvailability::cublas);
    if (!nvrtc.present()) {
      assertTrue(nvrtc.detail().startsWith("no NVRTC ("), nvrtc.detail());
    }
    if (!cublas.present()) {
      assertTrue(cublas.detail().startsWith("no cuBLAS ("), cublas.detail());
    }
  }

  @Test
  void theSummarySaysWhatCannotRun() {
    List<String> summary = CudaAvailability.summary();
    assertTrue(summary.get(0).startsWith("driver: "));
    if (!CudaAvailability.gpuPresent()) {
      assertTrue(summary.stream().anyMatch(l -> l.startsWith("→ CUDA kernels cannot run on this machine: ")),
          String.join("\n", summary));
    }
    if (!CudaAvailability.nvcc().present() && !CudaAvailability.nvrtc().present()) {
      assertTrue(summary.stream().anyMatch(l -> l.contains("no CUDA C compiler")), String.join("\n", summary));
    }
  }

  @Test
  void theMissingSystemLibraryIsFoundInJCudasNestedMessage() {
    // the shape of JCuda 12.6's message when libcuda.so.1 is absent (taken from a real run)
    UnsatisfiedLinkError error =
        new UnsatisfiedLinkError(
            "Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"\n"
                + "Stack trace from the attempt to load the library as a file:\n"
                + "java.lang.UnsatisfiedLinkError: no JCudaDriver-12.6.0-linux-x86_64 in java.library.path\n"
                + "Stack trace from the attempt to load the library as a resource:\n"
                + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: "
                + "cannot open shared object file: No such file or directory\n");
    assertEquals(
        "no NVIDIA driver (libcuda.so.1 not found)",
        CudaAvailability.missingReason("no NVIDIA driver", "libcuda.so.1", error));
  }

  @Test
  void aLaterNoClassDefFoundErrorStillGivesAReason() {
    String reason =
        CudaAvailability.missingReason(
            "no NVRTC", "libnvrtc.so.12",
            new NoClassDefFoundError("Could not initialize class jcuda.nvrtc.JNvrtc"));
    assertEquals("no NVRTC (libnvrtc.so.12 could not be loaded earlier in this run)", reason);
  }

  @Test
  void cudaVersionsReadAsMajorDotMinor() {
    assertEquals("12.6", CudaAvailability.cudaVersion(12060));
    assertEquals("13.0", CudaAvailability.cudaVersion(13000));
    assertEquals("11.8", CudaAvailability.cudaVersion(11080));
  }
}
